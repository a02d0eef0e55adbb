import { ProblemsError, type Problem } from "../core/problems.ts";
import { validatePartners, type Partner } from "./partners.ts";
import { validateSiteConfig, type SiteConfig } from "./site-config.ts";

/** The operator's settings, validated: what the Eleventy config and every script start from. */
export interface Settings {
  site: SiteConfig;
  partners: Partner[];
}

/**
 * Validates the site and its partners together, so that one run lists every problem in both.
 * Either alone throws its own error; both wrong, one error names them all.
 */
export function validateSettings(site: unknown, partners: unknown): Settings {
  const errors: ProblemsError[] = [];
  const attempt = <T>(validate: () => T): T | undefined => {
    try {
      return validate();
    } catch (error) {
      if (!(error instanceof ProblemsError)) throw error;
      errors.push(error);
      return undefined;
    }
  };
  const validSite = attempt(() => validateSiteConfig(site));
  const validPartners = attempt(() => validatePartners(partners));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    throw new ProblemsError(
      "The site and partner configurations are invalid",
      errors.flatMap((error): Problem[] => [...error.problems]),
    );
  }
  return { site: validSite as SiteConfig, partners: validPartners as Partner[] };
}
