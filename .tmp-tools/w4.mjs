import fs from "node:fs"; import path from "node:path";
const keep = []; const mb = Number(process.argv[3] ?? 0);
for (let i = 0; i < mb * 100; i++) keep.push(Array.from({ length: 1000 }, (_, j) => ({ j, s: "v" + j })));
const out = process.argv[2]; fs.rmSync(out, { recursive: true, force: true });
let t = performance.now();
for (let i = 0; i < 16000; i++) { const d = path.join(out, String(i % 37), `s${i}`); fs.mkdirSync(d, { recursive: true }); fs.writeFileSync(d + "/index.html", "y".repeat(15000) + i); }
console.log("heap objs", mb, "write", ((performance.now() - t) / 1000).toFixed(2), (process.memoryUsage().rss / 1e6).toFixed(0), "MB");
