import fs from "node:fs"; import path from "node:path";
const out = "/tmp/wtest"; fs.rmSync(out, { recursive: true, force: true });
const body = "x".repeat(15000);
const t = performance.now();
for (let i = 0; i < 16000; i++) { const f = path.join(out, "news", String(i % 37), `s${i}`, "index.html"); fs.mkdirSync(path.dirname(f), { recursive: true }); fs.writeFileSync(f, body); }
console.log("write", ((performance.now() - t) / 1000).toFixed(2));
