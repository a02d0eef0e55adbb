import type { ImportConfigInput } from "../lib/import/import-config.ts";

/**
 * How `npm run import` maps the wires' keywords to this site's directory. Each section the
 * importer maps (categories, regions, tags, and any added section with `importMapping`) lists,
 * for each site term, the feed keywords (categories, subjects, industries) that mean it; matching ignores
 * case and accents. A keyword no list names becomes a tag (`unmappedKeywords: "tags"`) or
 * is dropped (`"drop"`). `include`/`exclude` filter items by keyword or headline word, for
 * every run; `feeds` sets a partner and filters for feeds whose URL or path contains `match`.
 */
const importConfig: ImportConfigInput = {
  categories: {
    Technology: [
      "Technology",
      "Computer & Electronics",
      "Semiconductors",
      "Software",
      "Artificial Intelligence",
      "Internet",
      "Telecommunications",
    ],
    Finance: [
      "Finance",
      "Banking",
      "Banking & Financial Services",
      "Earnings",
      "Earnings Releases and Operating Results",
      "Venture Capital",
      "Funding",
      "Insurance",
      "Financial",
    ],
    Energy: ["Energy", "Oil & Gas", "Renewable Energy", "Alternative Energy", "Utilities"],
    "Food & Agriculture": ["Food & Beverage", "Agriculture", "Food", "Beverages"],
    Health: ["Health", "Healthcare", "Medical", "Pharmaceutical", "Biotechnology"],
    Logistics: ["Logistics", "Logistics/Supply Chain Management", "Supply Chain", "Shipping", "Maritime"],
    Manufacturing: ["Manufacturing", "Industrial", "Engineering"],
    Transportation: ["Transportation", "Transport", "Automotive", "Aerospace"],
    Culture: ["Arts", "Culture", "Entertainment", "Travel", "Fashion"],
  },
  regions: {
    Asia: ["Asia", "Asia Pacific", "APAC", "Southeast Asia", "East Asia"],
    Europe: ["Europe", "EMEA", "European Union"],
    "North America": ["North America", "United States", "Canada"],
    Oceania: ["Oceania", "Australia", "Pacific"],
  },
  tags: {},
  unmappedKeywords: "tags",
  include: [],
  exclude: [],
  feeds: [],
};

export default importConfig;
