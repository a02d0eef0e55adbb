import { describe, expect, it } from "vitest";
import { telephoneLink, unbrokenTelephone, urlHost } from "../../../src/lib/core/links.ts";

describe("urlHost", () => {
  it("shows the host without www and the path without its trailing slash", () => {
    expect(urlHost("https://www.northpine.example/")).toBe("northpine.example");
    expect(urlHost("https://social.example/company/northpine/")).toBe("social.example/company/northpine");
    expect(urlHost("http://Example.COM:8080/a")).toBe("example.com:8080/a");
  });
});

describe("telephoneLink", () => {
  it("keeps the plus and the digits, and drops an extension", () => {
    expect(telephoneLink("+1 (604) 555-0100")).toBe("+16045550100");
    expect(telephoneLink("+44 20 7946 0321 ext. 12")).toBe("+442079460321");
    expect(telephoneLink("+65 6555 0100 x 3")).toBe("+6565550100");
  });
});

describe("unbrokenTelephone", () => {
  it("joins the number's parts with non-breaking spaces and hyphens", () => {
    expect(unbrokenTelephone("+1 604 555-0100")).toBe("+1\u00a0604\u00a0555\u20110100");
  });
});
