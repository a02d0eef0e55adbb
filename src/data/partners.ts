import type { Partner } from "../lib/config/partners.ts";

const standardDisclaimer =
  "The information provided in this article was created by {partner}, our news partner. " +
  "The author's opinions and the content shared on this page are their own and may not necessarily " +
  "represent the perspectives of {site}.";

/**
 * The wire partners this site republishes. Each article names one by `id` in its front matter.
 * `indexing` is the operator's contract with that wire: whether its copies may be indexed.
 */
const partners: Partner[] = [
  {
    id: "prnewswire",
    logo: "/assets/partners/prnewswire.svg",
    name: "Cision PR Newswire",
    datelineTag: "PRNewswire",
    datelineTagStyle: "slashes",
    disclaimer: standardDisclaimer,
    originalLinkLabel: "View original content",
    indexing: "index",
  },
  {
    id: "businesswire",
    logo: "/assets/partners/businesswire.svg",
    name: "Business Wire",
    datelineTag: "BUSINESS WIRE",
    datelineTagStyle: "parentheses",
    disclaimer: standardDisclaimer,
    originalLinkLabel: "View source version on businesswire.com",
    indexing: "googlebot-news-noindex",
  },
  {
    id: "globenewswire",
    logo: "/assets/partners/globenewswire.svg",
    name: "GlobeNewswire",
    datelineTag: "GLOBE NEWSWIRE",
    datelineTagStyle: "parentheses",
    disclaimer: standardDisclaimer,
    originalLinkLabel: "Original release",
    indexing: "canonical-to-original",
  },
  {
    id: "xinhua-asianet",
    logo: "/assets/partners/xinhua-asianet.svg",
    name: "Xinhua-AsiaNet",
    datelineTag: "Xinhua-AsiaNet",
    datelineTagStyle: "slashes",
    disclaimer: standardDisclaimer,
    originalLinkLabel: "Original link",
    indexing: "noindex",
  },
];

export default partners;
