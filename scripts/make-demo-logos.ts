/**
 * Draws the demo site's company logos: simple marks rendered from SVG by sharp (no text, so no
 * fonts are needed), saved as PNG beside the profiles in `src/data/companies/`. Deterministic:
 * the same code gives the same files.
 *
 *   npx tsx scripts/make-demo-logos.ts
 */
import path from "node:path";
import sharp from "sharp";

const WIDTH = 240;
const HEIGHT = 240;

const marks: Record<string, string> = {
  "northpine-robotics": `<rect width="240" height="240" rx="36" fill="#1f4d3a"/><polygon points="120,36 190,170 50,170" fill="#8fd19e"/><rect x="110" y="170" width="20" height="34" fill="#8fd19e"/>`,
  "sakura-mobility": `<rect width="240" height="240" rx="120" fill="#fbe3ea"/>${[0, 72, 144, 216, 288]
    .map((angle) => `<ellipse cx="120" cy="70" rx="28" ry="46" fill="#e0607e" transform="rotate(${angle} 120 120)"/>`)
    .join("")}<circle cx="120" cy="120" r="18" fill="#f7c948"/>`,
  "westlake-tea-cooperative": `<rect width="240" height="240" rx="36" fill="#e9f2df"/><path d="M60 170 C60 90 140 50 190 50 C190 120 150 180 60 170 Z" fill="#4d7c2a"/><path d="M70 165 L170 65" stroke="#e9f2df" stroke-width="6"/>`,
  "thamesgate-insurance": `<rect width="240" height="240" rx="36" fill="#102a54"/><path d="M120 40 L190 70 V120 C190 165 160 190 120 205 C80 190 50 165 50 120 V70 Z" fill="#d6b25e"/><path d="M50 150 Q85 130 120 150 T190 150" stroke="#102a54" stroke-width="10" fill="none"/>`,
  "coral-coast-water": `<rect width="240" height="240" rx="36" fill="#e3f4f8"/><path d="M120 40 C150 90 175 120 175 150 A55 55 0 0 1 65 150 C65 120 90 90 120 40 Z" fill="#1d8fb3"/><circle cx="100" cy="150" r="12" fill="#ff8a65"/>`,
  "saigon-river-foods": `<rect width="240" height="240" rx="36" fill="#fff4d6"/><path d="M30 150 Q80 110 120 150 T210 150 V200 H30 Z" fill="#2f7d6d"/><ellipse cx="120" cy="85" rx="30" ry="40" fill="#7cb342"/>`,
  "chao-phraya-fresh": `<rect width="240" height="240" rx="36" fill="#e0f2f1"/><rect x="40" y="95" width="120" height="70" rx="6" fill="#00796b"/><rect x="160" y="115" width="45" height="50" rx="6" fill="#26a69a"/><circle cx="75" cy="175" r="16" fill="#263238"/><circle cx="180" cy="175" r="16" fill="#263238"/><path d="M85 110 l10 15 l10 -15 M95 125 v25" stroke="#e0f2f1" stroke-width="6" fill="none"/>`,
  "merlion-health": `<rect width="240" height="240" rx="36" fill="#ffffff"/><rect x="95" y="45" width="50" height="150" rx="10" fill="#c62828"/><rect x="45" y="95" width="150" height="50" rx="10" fill="#c62828"/>`,
  "quillfeather-semiconductors": `<rect width="240" height="240" rx="36" fill="#2d1b4e"/><rect x="70" y="70" width="100" height="100" rx="10" fill="#b39ddb"/>${[
    80, 105, 130, 155,
  ]
    .map(
      (x) =>
        `<rect x="${x}" y="45" width="8" height="25" fill="#b39ddb"/><rect x="${x}" y="170" width="8" height="25" fill="#b39ddb"/>`,
    )
    .join("")}<path d="M95 150 C110 110 140 95 150 90 C140 120 120 140 95 150 Z" fill="#2d1b4e"/>`,
  "harbourline-freight": `<rect width="240" height="240" rx="36" fill="#0d3b66"/><rect x="40" y="120" width="160" height="40" fill="#f4d35e"/><rect x="55" y="90" width="40" height="30" fill="#ee964b"/><rect x="100" y="90" width="40" height="30" fill="#f95738"/><rect x="145" y="90" width="40" height="30" fill="#faf0ca"/><path d="M30 175 Q75 160 120 175 T210 175" stroke="#faf0ca" stroke-width="8" fill="none"/>`,
  "lotus-grid-energy": `<rect width="240" height="240" rx="36" fill="#fff8e1"/>${[-50, -25, 0, 25, 50]
    .map(
      (angle) =>
        `<ellipse cx="120" cy="110" rx="22" ry="58" fill="#f06292" opacity="0.85" transform="rotate(${angle} 120 170)"/>`,
    )
    .join("")}<rect x="60" y="175" width="120" height="14" rx="7" fill="#ffb300"/>`,
  "silk-loom-textiles": `<rect width="240" height="240" rx="36" fill="#fdf1e6"/>${[60, 90, 120, 150, 180]
    .map(
      (x, index) => `<rect x="${x - 8}" y="45" width="16" height="150" fill="${index % 2 ? "#b71c1c" : "#f9a825"}"/>`,
    )
    .join("")}${[70, 110, 150]
    .map((y) => `<rect x="45" y="${y}" width="150" height="14" fill="#6d4c41" opacity="0.8"/>`)
    .join("")}`,
  "kestrel-bay-shipyard": `<rect width="240" height="240" rx="36" fill="#e8eef5"/><path d="M40 140 H200 L175 185 H65 Z" fill="#37474f"/><rect x="90" y="105" width="70" height="35" fill="#546e7a"/><path d="M150 60 L120 80 L175 75 Z" fill="#8d6e63"/><path d="M120 80 L100 95 L150 90 Z" fill="#8d6e63"/>`,
};

const folder = path.join("src", "data", "companies");
for (const [slug, mark] of Object.entries(marks)) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 240 240">${mark}</svg>`;
  await sharp(Buffer.from(svg))
    .png({ compressionLevel: 9, palette: true })
    .toFile(path.join(folder, `${slug}.png`));
}
console.log(`Drew ${Object.keys(marks).length} logos in ${folder}`);
