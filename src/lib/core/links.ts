/** How links to other sites and phone numbers are shown and written. */

/** "https://www.linkedin.com/company/northpine/" → "linkedin.com/company/northpine". */
export function urlHost(url: string): string {
  const { host, pathname } = new URL(url);
  const path = pathname.replace(/\/+$/, "");
  return `${host.replace(/^www\./, "")}${path}`;
}

/** A phone number as a `tel:` link wants it: "+1 (604) 555-0100" → "+16045550100"; extensions are dropped. */
export function telephoneLink(phone: string): string {
  const number = phone.split(/\s*(?:ext\.?|x)\s*/i)[0] ?? phone;
  return number.replace(/[^+0-9]/g, "");
}

/** A phone number that does not break across lines: its spaces become non-breaking ones. */
export function unbrokenTelephone(phone: string): string {
  return phone.replace(/ /g, "\u00a0").replace(/-/g, "\u2011");
}
