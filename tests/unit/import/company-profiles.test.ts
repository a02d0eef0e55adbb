import { describe, expect, it } from "vitest";
import { aboutParagraph } from "../../../src/lib/import/company-profiles.ts";

describe("aboutParagraph", () => {
  it.each([
    [
      "a bold line with a line break",
      "Results.\n\n**About Tidewater Kelp:**\nTidewater Kelp grows seaweed.\n\nContacts",
    ],
    ["a bold line, then a paragraph", "Results.\n\n**About Tidewater Kelp Inc.**\n\nTidewater Kelp grows seaweed."],
    ["a heading", "Results.\n\n### About Tidewater Kelp\n\nTidewater Kelp grows seaweed."],
    ["bold words starting the paragraph", "Results.\n\n**About Tidewater Kelp:** Tidewater Kelp grows seaweed."],
    ["a plain line", "Results.\n\nAbout Tidewater Kelp\nTidewater Kelp grows seaweed."],
    [
      "HTML bold and a hard break",
      "Results.\n\n<strong>About Tidewater Kelp:</strong>\\\nTidewater Kelp grows seaweed.",
    ],
  ])("finds the issuer's boilerplate after %s", (_, markdown) => {
    expect(aboutParagraph(markdown, "Tidewater Kelp Inc.")).toBe("Tidewater Kelp grows seaweed.");
  });

  it("skips another company's boilerplate, and finds none where there is none", () => {
    const markdown = "**About Harbour Bank**\n\nA bank.\n\n**About Tidewater Kelp**\n\nSeaweed.";
    expect(aboutParagraph(markdown, "Tidewater Kelp Inc.")).toBe("Seaweed.");
    expect(aboutParagraph("Results.\n\nAbout 410 tonnes were harvested.", "Tidewater Kelp")).toBeUndefined();
    expect(aboutParagraph("**About Tidewater Kelp**\n\n**Contacts**", "Tidewater Kelp")).toBeUndefined();
  });
});
