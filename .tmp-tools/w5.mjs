import fs from "node:fs"; import path from "node:path";
const out = process.argv[2];
let t = performance.now();
for (let i = 0; i < 16000; i++) { const d = path.join(out, String(i % 37), `s${i}`); fs.mkdirSync(d, { recursive: true }); fs.writeFileSync(d + "/index.html", "y".repeat(15000) + i); }
console.log("write", ((performance.now() - t) / 1000).toFixed(2));
