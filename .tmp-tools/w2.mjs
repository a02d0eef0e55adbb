import fs from "node:fs"; import path from "node:path";
const out = "/tmp/wtest"; fs.rmSync(out, { recursive: true, force: true });
const body = "x".repeat(15000);
let t = performance.now();
const files = []; for (let i = 0; i < 16000; i++) files.push(path.join(out, "news", String(i % 37), `s${i}`, "index.html"));
const made = new Set();
for (const f of files) { const d = path.dirname(f); if (!made.has(d)) { fs.mkdirSync(d, { recursive: true }); made.add(d); } }
console.log("mkdir", ((performance.now() - t) / 1000).toFixed(2)); t = performance.now();
for (const f of files) fs.writeFileSync(f, body);
console.log("write", ((performance.now() - t) / 1000).toFixed(2)); t = performance.now();
fs.rmSync(out, { recursive: true, force: true }); fs.mkdirSync(out);
// async parallel
const { mkdir, writeFile } = fs.promises;
await Promise.all(files.map(async (f) => { await mkdir(path.dirname(f), { recursive: true }); await writeFile(f, body); }));
console.log("async all", ((performance.now() - t) / 1000).toFixed(2));
