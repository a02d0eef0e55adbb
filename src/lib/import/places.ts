import { termKey } from "../core/terms.ts";

/**
 * Countries for dateline places, as AP style prints them: cities that stand alone
 * (`BEIJING`, `NEW YORK`), US states and Canadian provinces after a city (`GREENWICH, Conn.`),
 * or a country after a city (`XI'AN, China`).
 */
const STANDALONE_CITIES: Record<string, string> = {
  ATLANTA: "United States",
  BALTIMORE: "United States",
  BOSTON: "United States",
  CHICAGO: "United States",
  CINCINNATI: "United States",
  CLEVELAND: "United States",
  DALLAS: "United States",
  DENVER: "United States",
  DETROIT: "United States",
  HONOLULU: "United States",
  HOUSTON: "United States",
  INDIANAPOLIS: "United States",
  "LAS VEGAS": "United States",
  "LOS ANGELES": "United States",
  MIAMI: "United States",
  MILWAUKEE: "United States",
  MINNEAPOLIS: "United States",
  "NEW ORLEANS": "United States",
  "NEW YORK": "United States",
  "OKLAHOMA CITY": "United States",
  PHILADELPHIA: "United States",
  PHOENIX: "United States",
  PITTSBURGH: "United States",
  "ST. LOUIS": "United States",
  "SALT LAKE CITY": "United States",
  "SAN ANTONIO": "United States",
  "SAN DIEGO": "United States",
  "SAN FRANCISCO": "United States",
  SEATTLE: "United States",
  WASHINGTON: "United States",
  AMSTERDAM: "Netherlands",
  BANGKOK: "Thailand",
  BEIJING: "China",
  BEIRUT: "Lebanon",
  BERLIN: "Germany",
  BRUSSELS: "Belgium",
  CAIRO: "Egypt",
  DUBLIN: "Ireland",
  GENEVA: "Switzerland",
  "HONG KONG": "Hong Kong",
  ISTANBUL: "Turkey",
  JERUSALEM: "Israel",
  JOHANNESBURG: "South Africa",
  "KUWAIT CITY": "Kuwait",
  LONDON: "United Kingdom",
  LUXEMBOURG: "Luxembourg",
  MACAO: "Macao",
  MADRID: "Spain",
  "MEXICO CITY": "Mexico",
  MILAN: "Italy",
  MONACO: "Monaco",
  MONTREAL: "Canada",
  MOSCOW: "Russia",
  MUNICH: "Germany",
  "NEW DELHI": "India",
  "PANAMA CITY": "Panama",
  PARIS: "France",
  PRAGUE: "Czechia",
  "QUEBEC CITY": "Canada",
  "RIO DE JANEIRO": "Brazil",
  ROME: "Italy",
  "SAO PAULO": "Brazil",
  SHANGHAI: "China",
  SINGAPORE: "Singapore",
  STOCKHOLM: "Sweden",
  SYDNEY: "Australia",
  TOKYO: "Japan",
  TORONTO: "Canada",
  VIENNA: "Austria",
  ZURICH: "Switzerland",
  DUBAI: "United Arab Emirates",
};

const US_STATES = [
  "Ala.",
  "Alaska",
  "Ariz.",
  "Ark.",
  "Calif.",
  "Colo.",
  "Conn.",
  "Del.",
  "Fla.",
  "Ga.",
  "Hawaii",
  "Idaho",
  "Ill.",
  "Ind.",
  "Iowa",
  "Kan.",
  "Ky.",
  "La.",
  "Maine",
  "Md.",
  "Mass.",
  "Mich.",
  "Minn.",
  "Miss.",
  "Mo.",
  "Mont.",
  "Neb.",
  "Nev.",
  "N.H.",
  "N.J.",
  "N.M.",
  "N.Y.",
  "N.C.",
  "N.D.",
  "Ohio",
  "Okla.",
  "Ore.",
  "Pa.",
  "R.I.",
  "S.C.",
  "S.D.",
  "Tenn.",
  "Texas",
  "Utah",
  "Vt.",
  "Va.",
  "Wash.",
  "W.Va.",
  "Wis.",
  "Wyo.",
  "D.C.",
  "Calif",
  "Conn",
  "Mass",
  "Fla",
  "California",
  "New York",
  "Florida",
  "Illinois",
  "Massachusetts",
  "Washington",
  "Georgia",
  "Virginia",
  "New Jersey",
  "Pennsylvania",
];
const CANADIAN_PROVINCES = [
  "Alberta",
  "British Columbia",
  "B.C.",
  "Manitoba",
  "New Brunswick",
  "Newfoundland and Labrador",
  "Nova Scotia",
  "Ontario",
  "Ont.",
  "Prince Edward Island",
  "Quebec",
  "Que.",
  "Saskatchewan",
  "Sask.",
  "Alta.",
  "Man.",
];

const key = (text: string): string => termKey(text).toUpperCase();

let countryNames: Map<string, string> | undefined;
function countries(): Map<string, string> {
  if (countryNames) return countryNames;
  countryNames = new Map();
  // Intl's English region names (same ICU data on every machine with the same Node).
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      const name = names.of(code);
      if (name && name !== code) countryNames.set(key(name), name);
    }
  }
  for (const [alias, name] of [
    ["USA", "United States"],
    ["U.S.", "United States"],
    ["UK", "United Kingdom"],
    ["U.K.", "United Kingdom"],
    ["S. KOREA", "South Korea"],
    ["UAE", "United Arab Emirates"],
  ] as const) {
    countryNames.set(key(alias), name);
  }
  return countryNames;
}

/** The country's usual English name, when the text names one. */
export function countryName(text: string): string | undefined {
  return countries().get(key(text));
}

/** `GREENWICH, Conn.` → United States; `XI'AN, China` → China; `TOKYO` → Japan. */
export function countryOfPlace(place: string): string | undefined {
  const parts = place
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const last = parts.at(-1) ?? "";
  if (parts.length > 1) {
    const country = countryName(last);
    if (country) return country;
    if (US_STATES.some((state) => key(state) === key(last))) return "United States";
    if (CANADIAN_PROVINCES.some((province) => key(province) === key(last))) return "Canada";
  }
  return STANDALONE_CITIES[key(parts[0] ?? "")];
}
