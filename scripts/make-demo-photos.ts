/**
 * Draws the demo site's photos: simple illustrated scenes rendered from SVG by sharp, so the
 * demo ships pictures we made ourselves. Deterministic: the same code gives the same files.
 *
 *   npx tsx scripts/make-demo-photos.ts
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { seededRandom as random } from "./lib/random.ts";

const WIDTH = 1600;
const HEIGHT = 1000;

const sky = (top: string, bottom: string) =>
  `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>` +
  `<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#sky)"/>`;

const scenes: Record<string, () => string> = {
  "solar-rooftops": () => {
    const rand = random(1);
    let panels = "";
    for (let row = 0; row < 5; row++) {
      for (let col = 0; col < 9; col++) {
        const x = 80 + col * 170 + row * 20;
        const y = 520 + row * 90;
        panels += `<polygon points="${x},${y} ${x + 150},${y} ${x + 170},${y + 70} ${x + 20},${y + 70}" fill="#1d3f72" stroke="#9fb8d9" stroke-width="3"/>`;
        panels += `<line x1="${x + 75}" y1="${y}" x2="${x + 95}" y2="${y + 70}" stroke="#9fb8d9" stroke-width="2" opacity="${0.5 + rand() * 0.5}"/>`;
      }
    }
    return `${sky("#8ec5f0", "#f7e7c4")}<circle cx="1300" cy="180" r="90" fill="#fff3b0"/><rect y="480" width="${WIDTH}" height="520" fill="#b9a48a"/>${panels}`;
  },
  "chip-macro": () => {
    let traces = "";
    const rand = random(2);
    for (let i = 0; i < 60; i++) {
      const x = rand() * WIDTH;
      const y = rand() * HEIGHT;
      traces += `<path d="M${x} ${y} h${80 + rand() * 200} v${80 + rand() * 120}" stroke="#c9a227" stroke-width="6" fill="none" opacity="0.8"/>`;
    }
    let pins = "";
    for (let i = 0; i < 12; i++) {
      pins += `<rect x="${560 + i * 40}" y="250" width="18" height="60" fill="#d8d8d8"/><rect x="${560 + i * 40}" y="690" width="18" height="60" fill="#d8d8d8"/>`;
    }
    return `<rect width="${WIDTH}" height="${HEIGHT}" fill="#0f3d2e"/>${traces}${pins}<rect x="520" y="300" width="520" height="400" rx="18" fill="#222"/><rect x="600" y="380" width="360" height="240" rx="8" fill="#3b3b3b"/>`;
  },
  "harbour-cranes": () => {
    let cranes = "";
    for (let i = 0; i < 4; i++) {
      const x = 150 + i * 360;
      cranes += `<rect x="${x}" y="260" width="24" height="420" fill="#d9481c"/><rect x="${x + 150}" y="260" width="24" height="420" fill="#d9481c"/>`;
      cranes += `<rect x="${x - 80}" y="240" width="380" height="30" fill="#e8622f"/><line x1="${x + 160}" y1="270" x2="${x + 160}" y2="520" stroke="#333" stroke-width="4"/>`;
    }
    return `${sky("#5d8fc2", "#dbe8f2")}${cranes}<rect y="680" width="${WIDTH}" height="320" fill="#2c5a7a"/><rect x="100" y="620" width="1400" height="80" fill="#444"/>`;
  },
  "container-ship": () => {
    const rand = random(4);
    const colours = ["#c0392b", "#2980b9", "#27ae60", "#f39c12", "#8e44ad", "#16a085"];
    let boxes = "";
    for (let row = 0; row < 4; row++) {
      for (let col = 0; col < 16; col++) {
        boxes += `<rect x="${260 + col * 64}" y="${420 - row * 44}" width="60" height="40" fill="${colours[Math.floor(rand() * colours.length)]}"/>`;
      }
    }
    return `${sky("#f2b880", "#fde9d0")}<rect y="600" width="${WIDTH}" height="400" fill="#1f4e6e"/>${boxes}<polygon points="200,460 1380,460 1300,640 280,640" fill="#263238"/><rect x="1220" y="330" width="110" height="130" fill="#eceff1"/>`;
  },
  "warehouse-aisle": () => {
    let shelves = "";
    for (let i = 0; i < 6; i++) {
      const scale = 1 - i * 0.13;
      const w = 520 * scale;
      const h = 760 * scale;
      const y = 500 - h / 2;
      shelves += `<rect x="${300 - i * 20}" y="${y}" width="${w * 0.25}" height="${h}" fill="#355c7d" opacity="${1 - i * 0.1}"/>`;
      shelves += `<rect x="${1300 - w * 0.25 + i * 20}" y="${y}" width="${w * 0.25}" height="${h}" fill="#355c7d" opacity="${1 - i * 0.1}"/>`;
    }
    return `<rect width="${WIDTH}" height="${HEIGHT}" fill="#e4e0d5"/><polygon points="0,1000 1600,1000 900,520 700,520" fill="#9e9a8f"/>${shelves}<rect x="720" y="420" width="160" height="100" fill="#fffbe6"/>`;
  },
  "loom-threads": () => {
    let threads = "";
    const colours = ["#b03a2e", "#d4ac0d", "#1f618d", "#117a65", "#6c3483"];
    for (let i = 0; i < 80; i++) {
      threads += `<line x1="${i * 20}" y1="0" x2="${i * 20 + 40}" y2="${HEIGHT}" stroke="${colours[i % colours.length]}" stroke-width="9"/>`;
    }
    for (let j = 0; j < 25; j++) {
      threads += `<rect x="0" y="${j * 40}" width="${WIDTH}" height="14" fill="${colours[(j * 2) % colours.length]}" opacity="0.55"/>`;
    }
    return `<rect width="${WIDTH}" height="${HEIGHT}" fill="#f5eee0"/>${threads}<rect x="0" y="820" width="${WIDTH}" height="180" fill="#5d4037"/>`;
  },
  "cold-chain-truck": () =>
    `${sky("#7fb3d5", "#eaf2f8")}<rect y="700" width="${WIDTH}" height="300" fill="#5f6a6a"/>` +
    `<rect x="260" y="360" width="820" height="340" rx="10" fill="#fdfefe" stroke="#aab7b8" stroke-width="6"/>` +
    `<rect x="1080" y="460" width="260" height="240" rx="20" fill="#2e86c1"/><rect x="1140" y="490" width="140" height="90" fill="#d6eaf8"/>` +
    `<circle cx="400" cy="720" r="62" fill="#1c2833"/><circle cx="960" cy="720" r="62" fill="#1c2833"/><circle cx="1240" cy="720" r="62" fill="#1c2833"/>` +
    `<path d="M480 520 l40 -40 l40 40 l-40 40 z" fill="#5dade2"/>`,
  "tea-terraces": () => {
    let rows = "";
    for (let i = 0; i < 14; i++) {
      const y = 300 + i * 52;
      rows += `<path d="M0 ${y} Q 400 ${y - 60} 800 ${y} T 1600 ${y} V ${y + 40} Q 1200 ${y - 20} 800 ${y + 40} T 0 ${y + 40} Z" fill="${i % 2 ? "#2e7d32" : "#43a047"}"/>`;
    }
    return `${sky("#b3e5fc", "#f1f8e9")}<path d="M0 360 L400 160 L760 300 L1100 120 L1600 330 V1000 H0 Z" fill="#90a4ae" opacity="0.6"/>${rows}`;
  },
  "robot-arm": () =>
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#eceff1"/><rect y="760" width="${WIDTH}" height="240" fill="#b0bec5"/>` +
    `<rect x="640" y="680" width="320" height="90" rx="12" fill="#37474f"/>` +
    `<rect x="760" y="420" width="80" height="280" rx="30" fill="#ff8f00" transform="rotate(-20 800 680)"/>` +
    `<rect x="860" y="300" width="70" height="260" rx="28" fill="#ffa000" transform="rotate(55 895 430)"/>` +
    `<circle cx="800" cy="680" r="50" fill="#263238"/><circle cx="905" cy="440" r="40" fill="#263238"/>` +
    `<rect x="1080" y="560" width="200" height="200" fill="#8d6e63"/>`,
  "hydrogen-bus": () =>
    `${sky("#ffd1dc", "#fff5f7")}<rect y="720" width="${WIDTH}" height="280" fill="#616161"/>` +
    `<rect x="240" y="400" width="1120" height="320" rx="40" fill="#00897b"/><rect x="300" y="450" width="900" height="110" rx="12" fill="#b2dfdb"/>` +
    `<rect x="1230" y="450" width="90" height="200" rx="10" fill="#b2dfdb"/><rect x="420" y="360" width="500" height="50" rx="20" fill="#cfd8dc"/>` +
    `<circle cx="460" cy="730" r="70" fill="#212121"/><circle cx="1120" cy="730" r="70" fill="#212121"/>`,
  "desalination-plant": () => {
    let tanks = "";
    for (let i = 0; i < 5; i++) {
      tanks += `<rect x="${180 + i * 260}" y="420" width="200" height="300" rx="16" fill="#cfd8dc" stroke="#90a4ae" stroke-width="6"/><ellipse cx="${280 + i * 260}" cy="420" rx="100" ry="26" fill="#eceff1"/>`;
    }
    return `${sky("#4fc3f7", "#e1f5fe")}<rect y="720" width="${WIDTH}" height="280" fill="#0277bd"/>${tanks}<rect x="100" y="700" width="1400" height="40" fill="#78909c"/>`;
  },
};

/** Which scene goes beside which article. */
export const DEMO_PHOTOS: Record<string, string> = {
  "articles/2026/10/solar-rooftops.jpg": "solar-rooftops",
  "articles/2026/10/chip-macro.jpg": "chip-macro",
  "articles/2026/10/harbour-cranes.jpg": "harbour-cranes",
  "articles/2026/10/container-ship.jpg": "container-ship",
  "articles/2026/10/warehouse-aisle.jpg": "warehouse-aisle",
  "articles/2026/10/loom-threads.jpg": "loom-threads",
  "articles/2026/11/cold-chain-truck.jpg": "cold-chain-truck",
  "articles/2026/11/tea-terraces.jpg": "tea-terraces",
  "articles/2026/11/robot-arm.jpg": "robot-arm",
  "articles/2026/11/hydrogen-bus.jpg": "hydrogen-bus",
  "articles/2026/11/desalination-plant.jpg": "desalination-plant",
};

export async function drawScene(name: string, file: string): Promise<void> {
  const draw = scenes[name];
  if (!draw) throw new Error(`make-demo-photos: no scene called ${JSON.stringify(name)}`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">${draw()}</svg>`;
  await mkdir(path.dirname(file), { recursive: true });
  await sharp(Buffer.from(svg)).jpeg({ quality: 80, mozjpeg: true }).toFile(file);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [file, scene] of Object.entries(DEMO_PHOTOS)) {
    await drawScene(scene, file);
    console.log(`wrote ${file}`);
  }
}
