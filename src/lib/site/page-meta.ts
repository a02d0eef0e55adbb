import type { Article } from "../content/articles.ts";
import { formatIsoDateTime } from "../core/dates.ts";
import { articleAuthor, articleDateline, articleModified } from "../content/articles.ts";
import type { Crumb } from "./directory.ts";
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
export function articleMeta(site: SiteConfig, article: Article, trail: Crumb[]): PageMeta {
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

/** Head metadata for a list or index page: its own canonical, description and breadcrumbs. */
export function listMeta(
  site: SiteConfig,
  page: { url: string; title: string; description: string; breadcrumbs: Crumb[] },
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
    jsonLd: page.breadcrumbs.length > 1 ? [serializeJsonLd(breadcrumbList(site, page.breadcrumbs))] : [],
  };
}
