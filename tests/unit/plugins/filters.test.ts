import { describe, expect, it } from "vitest";
import { articleCardsFilter } from "../../../src/plugins/filters.ts";
import { makeArticle } from "../../helpers/article-objects.ts";

describe("articleCards", () => {
  it("renders each article's card once and reuses it on every list; a new article object is rendered again", () => {
    const rendered: string[] = [];
    const env = {
      render: (name: string, context: { article: { title: string } }) => (
        rendered.push(`${name}:${context.article.title}`),
        `<li>${context.article.title}</li>`
      ),
    };
    const cards = articleCardsFilter();
    const first = makeArticle({ title: "First" });
    const second = makeArticle({ title: "Second" });
    expect(cards.call({ env }, [first, second])).toBe("<li>First</li>\n  <li>Second</li>");
    expect(cards.call({ env }, [second])).toBe("<li>Second</li>");
    expect(rendered).toEqual(["_article-card.njk:First", "_article-card.njk:Second"]);
    // An edited article (preview) is a new object: its card is drawn again.
    expect(cards.call({ env }, [{ ...first, title: "First, edited" }])).toBe("<li>First, edited</li>");
    expect(rendered).toHaveLength(3);
  });
});
