import type { Article } from "../content/articles.ts";
import { formatIsoDateTime } from "../core/dates.ts";
import { articleAuthor, articleDateline, articleModified } from "../content/articles.ts";
import type { CompanyLink, Crumb } from "./directory.ts";
import type { Company } from "../content/companies.ts";
import { serializeJsonLd } from "./json-ld.ts";
import { absoluteUrl as absolute, type SiteConfig } from "../config/site-config.ts";
import { metaNames } from "./sections.ts";

/** What goes in a page's `<head>` beyond the basics: built once per page from validated data. */
export interface PageMeta {
  canonical: string;
  description: string;
  /** `[name, content]` pairs for `<meta name>`: robots policies and Twitter cards. */
  names: Array<[string, string]>;
  /** `[property, content]` pairs for Open Graph `<meta property>`. */
  properties: Array<[string, string]>;
  /** Serialized JSON-LD blocks (see {@link serializeJsonLd}). */
  jsonLd: string[];
}

/** BreadcrumbList for a trail ending at the current page. */
export function breadcrumbList(site: SiteConfig, trail: Crumb[]): object {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: trail.map((crumb, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: crumb.name,
      item: absolute(site, crumb.url),
    })),
  };
}

/**
 * Head metadata for an article, applying its partner's indexing policy:
 * `noindex` → robots noindex; `googlebot-news-noindex` → googlebot-news noindex;
 * `canonical-to-original` → the canonical link points at `originalUrl` when there is one.
 */
export function articleMeta(
  site: SiteConfig,
  article: Article,
  trail: Crumb[],
  companies: readonly CompanyLink[] = [],
): PageMeta {
  const ownUrl = absolute(site, article.url);
  const policy = article.partner.indexing;
  const canonical = policy === "canonical-to-original" && article.originalUrl ? article.originalUrl : ownUrl;
  const description = article.summary ?? article.title;
  const sectionNames = metaNames(article, site.sections, "section");
  const keywords = metaNames(article, site.sections, "keyword");
  const names: Array<[string, string]> = [];
  if (policy === "noindex") names.push(["robots", "noindex"]);
  if (policy === "googlebot-news-noindex") names.push(["googlebot-news", "noindex"]);

  const lead = article.photos[0];
  const image = lead
    ? { url: absolute(site, lead.largest.url), width: lead.largest.width, height: lead.largest.height, alt: lead.alt }
    : undefined;
  names.push(
    ["twitter:card", image ? "summary_large_image" : "summary"],
    ["twitter:title", article.title],
    ["twitter:description", description],
  );
  if (image) names.push(["twitter:image", image.url], ["twitter:image:alt", image.alt]);

  const published = formatIsoDateTime(article.date);
  const modified = formatIsoDateTime(articleModified(article));
  const properties: Array<[string, string]> = [
    ["og:type", "article"],
    ["og:site_name", site.name],
    ["og:title", article.title],
    ["og:description", description],
    ["og:url", ownUrl],
    ["og:locale", site.locale.replace("-", "_")],
    ["article:published_time", published],
    ["article:modified_time", modified],
    ...sectionNames.map((name): [string, string] => ["article:section", name]),
    ...keywords.map((name): [string, string] => ["article:tag", name]),
  ];
  if (image)
    properties.push(
      ["og:image", image.url],
      ["og:image:width", String(image.width)],
      ["og:image:height", String(image.height)],
      ["og:image:alt", image.alt],
    );

  const author = articleAuthor(article);
  const newsArticle = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description,
    datePublished: published,
    dateModified: modified,
    dateline: articleDateline(article),
    mainEntityOfPage: ownUrl,
    ...(image ? { image: article.photos.map((photo) => absolute(site, photo.largest.url)) } : {}),
    author: { "@type": "Organization", name: author },
    publisher: {
      "@type": "Organization",
      name: site.name,
      url: site.url,
      ...(site.logo ? { logo: { "@type": "ImageObject", url: absolute(site, site.logo) } } : {}),
    },
    ...(article.originalUrl ? { isBasedOn: article.originalUrl } : {}),
    ...(article.source ? { sourceOrganization: { "@type": "Organization", name: article.source.name } } : {}),
    ...(sectionNames.length ? { articleSection: sectionNames } : {}),
    ...(keywords.length ? { keywords: keywords.join(", ") } : {}),
    // The issuer is what the release is about; other companies it names are mentioned.
    ...(companies.length > 0 ? { about: companyReference(site, companies[0]!) } : {}),
    ...(companies.length > 1 ? { mentions: companies.slice(1).map((link) => companyReference(site, link)) } : {}),
    inLanguage: site.language,
  };
  return {
    canonical,
    description,
    names,
    properties,
    jsonLd: [
      serializeJsonLd(newsArticle),
      serializeJsonLd(breadcrumbList(site, [...trail, { name: article.title, url: article.url }])),
    ],
  };
}

/** A company as another page names it: its type, name and the `@id` of its company page. */
function companyReference(site: SiteConfig, { company, url }: CompanyLink): object {
  return { "@type": companyType(company), "@id": companyId(site, url), name: company.name, url: absolute(site, url) };
}

/** A listed company is a schema.org Corporation (which has `tickerSymbol`). */
function companyType(company: Company): string {
  return company.listings.length > 0 ? "Corporation" : "Organization";
}

function companyId(site: SiteConfig, url: string): string {
  return `${absolute(site, url)}#organization`;
}

/** The company page's Organization or Corporation, from its profile. */
export function companyJsonLd(site: SiteConfig, company: Company, url: string): object {
  const tickers = company.listings.map((listing) => `${listing.exchange}: ${listing.symbol}`);
  const place = company.headquarters;
  return {
    "@context": "https://schema.org",
    "@type": companyType(company),
    "@id": companyId(site, url),
    name: company.name,
    ...(company.legalName ? { legalName: company.legalName } : {}),
    ...(company.aliases.length > 0 ? { alternateName: company.aliases } : {}),
    ...(company.website ? { url: company.website } : {}),
    mainEntityOfPage: absolute(site, url),
    ...(company.logoImage ? { logo: absolute(site, company.logoImage.largest.url) } : {}),
    ...(place
      ? {
          address: {
            "@type": "PostalAddress",
            ...(place.city ? { addressLocality: place.city } : {}),
            addressCountry: place.country,
          },
        }
      : {}),
    ...(company.founded ? { foundingDate: company.founded } : {}),
    ...(tickers.length === 1 ? { tickerSymbol: tickers[0] } : tickers.length > 1 ? { tickerSymbol: tickers } : {}),
    ...(company.isin ? { identifier: { "@type": "PropertyValue", propertyID: "ISIN", value: company.isin } } : {}),
    ...(company.industries.length > 0 ? { knowsAbout: company.industries } : {}),
    ...(company.social.length > 0 ? { sameAs: company.social } : {}),
    ...(company.contact
      ? {
          contactPoint: {
            "@type": "ContactPoint",
            contactType: "media relations",
            ...(company.contact.name ? { name: company.contact.name } : {}),
            ...(company.contact.email ? { email: company.contact.email } : {}),
            ...(company.contact.phone ? { telephone: company.contact.phone } : {}),
            ...(company.contact.url ? { url: company.contact.url } : {}),
          },
        }
      : {}),
  };
}

/**
 * Head metadata for a list or index page: its own canonical, description and breadcrumbs, and a
 * company page's Organization.
 */
export function listMeta(
  site: SiteConfig,
  page: {
    url: string;
    title: string;
    description: string;
    breadcrumbs: Crumb[];
    company?: Company;
    pageNumber?: number;
  },
): PageMeta {
  const canonical = absolute(site, page.url);
  const description = page.description || site.description;
  return {
    canonical,
    description,
    names: [
      ["twitter:card", "summary"],
      ["twitter:title", page.title],
      ["twitter:description", description],
    ],
    properties: [
      ["og:type", "website"],
      ["og:site_name", site.name],
      ["og:title", page.title],
      ["og:description", description],
      ["og:url", canonical],
    ],
    jsonLd: [
      ...(page.company && !page.pageNumber ? [serializeJsonLd(companyJsonLd(site, page.company, page.url))] : []),
      ...(page.breadcrumbs.length > 1 ? [serializeJsonLd(breadcrumbList(site, page.breadcrumbs))] : []),
    ],
  };
}
