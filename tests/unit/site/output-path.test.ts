import { describe, expect, it } from "vitest";
import { outputUrlProblem } from "../../../src/lib/site/output-path.ts";

describe("outputUrlProblem", () => {
  it.each(["/", "/news/2023/10/a/", "/feed.xml", "/news/2023/10/a/index.html", "/photos/abc-800.avif"])(
    "accepts %j",
    (url) => {
      expect(outputUrlProblem(url)).toBeUndefined();
    },
  );

  it.each([
    ["/../../etc/x.html", "a path without `.` or `..` segments"],
    ["../x.html", "a site path starting with /"],
    ["/news/../../x/", "a path without `.` or `..` segments"],
    ["/news/%2e%2e/%2E%2E/x/", "a path without `.` or `..` segments"],
    ["/news/..%2f..%2fx/", "a path without `.` or `..` segments"],
    ["/news/..\\..\\x/", "a path without backslashes"],
    ["/news/./x/", "a path without `.` or `..` segments"],
    ["//evil.example/x", "a path without empty segments"],
    ["/news/a\u0000b/", "a path without control characters"],
    ["/news/%E0%A4%A/", "a path with valid percent-encoding"],
  ])("refuses %j", (url, problem) => expect(outputUrlProblem(url)).toBe(problem));
});
