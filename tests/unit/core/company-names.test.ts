import { describe, expect, it } from "vitest";
import { companyKey, nameWithoutLegalForm, writtenCompanyKey } from "../../../src/lib/core/company-names.ts";

describe("companyKey", () => {
  it.each([
    ["Mirum Pharmaceuticals, Inc.", "Mirum Pharmaceuticals"],
    ["Lotus Grid Energy Co., Ltd.", "Lotus Grid Energy"],
    ["Sakura Mobility Corporation", "sakura mobility"],
    ["Northpine Robotics Corp.", "NORTHPINE ROBOTICS"],
    ["Chao Phraya Fresh Public Company Limited", "Chao Phraya Fresh"],
    ["Saigon River Foods Joint Stock Company", "Saigon River Foods"],
    ["Merlion Health Pte. Ltd.", "Merlion Health"],
    ["Société Générale S.A.", "societe generale"],
    ["Nordwind Maschinenbau GmbH", "Nordwind Maschinenbau"],
    ["The Westlake Tea Cooperative", "Westlake Tea Cooperative"],
    ["Harbour & Crane L.L.C.", "Harbour and Crane"],
    ["Thamesgate Insurance plc", "Thamesgate Insurance"],
    ["Orchid Lane Hospitals Berhad", "Orchid Lane Hospitals"],
    ["Kampar Timber Sdn. Bhd.", "Kampar Timber"],
    ["Siam Rail Transit PCL", "Siam Rail Transit"],
  ])("reads %j as %j", (wire, editor) => {
    expect(companyKey(wire)).toBe(companyKey(editor));
  });

  it("keeps what tells companies apart", () => {
    expect(companyKey("Harbourline Freight Holdings, Inc.")).not.toBe(companyKey("Harbourline Freight"));
    expect(companyKey("Acme Robotics")).not.toBe(companyKey("Acme"));
  });

  it("keeps a name that is nothing but a legal form, and the last word of a name ending in one", () => {
    expect(companyKey("Limited")).toBe("limited");
    expect(companyKey("The Company")).toBe("company");
    expect(companyKey("Company Limited")).toBe("company");
  });
});

describe("writtenCompanyKey", () => {
  it("ignores case, accents and punctuation but keeps the legal form", () => {
    expect(writtenCompanyKey("ACME, INC")).toBe(writtenCompanyKey("Acme Inc."));
    expect(writtenCompanyKey("Acme Inc.")).not.toBe(writtenCompanyKey("Acme Ltd."));
    expect(writtenCompanyKey("Énergie Nord S.A.")).toBe("energie nord sa");
  });
});

describe("nameWithoutLegalForm", () => {
  it.each([
    ["Arrow Exploration Corp.", "Arrow Exploration"],
    ["Lotus Grid Energy Co., Ltd.", "Lotus Grid Energy"],
    ["Interactive Brokers Group, Inc.", "Interactive Brokers Group"],
    ["Chao Phraya Fresh Public Company Limited", "Chao Phraya Fresh"],
    ["The Westlake Tea Cooperative", "The Westlake Tea Cooperative"],
    ["Société Générale S.A.", "Société Générale"],
    ["Limited", "Limited"],
    ["Zignal Labs", "Zignal Labs"],
  ])("%j → %j", (printed, heading) => {
    expect(nameWithoutLegalForm(printed)).toBe(heading);
  });
});
