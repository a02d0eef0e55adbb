import type { SiteConfigInput } from "../lib/config/site-config.ts";

/**
 * The site's settings. Directory operators edit this file; the build validates it and stops
 * with a message naming the field when a value is wrong.
 */
const site: SiteConfigInput = {
  name: "Andaman Business Wire Directory",
  url: "https://news.andaman-directory.example/",
  language: "en",
  locale: "en-US",
  timeZone: "Asia/Bangkok",
  description: "Press releases from companies across Asia and beyond, republished from our news partners.",
  logo: "/assets/logo.svg",
  pageSize: 20,
};

export default site;
