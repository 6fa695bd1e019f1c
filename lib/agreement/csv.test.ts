import { describe, expect, it } from "vitest";
import { agreementCsv } from "./csv";
import { agreementReport } from "./report";

describe("agreementCsv", () => {
  const report = agreementReport({
    articles: [{ id: "a1", storyKey: "s", language: "sv", length: 50, annotators: ["x", "y"] }],
    annotators: [
      { id: "x", name: "Xena, editor" },
      { id: "y", name: "Yngve" },
    ],
    spans: [
      {
        articleId: "a1",
        annotatorId: "x",
        start: 0,
        end: 5,
        label: "PER",
        kind: "ENTITY",
        entityId: "e",
        claimId: null,
        verdict: null,
      },
      {
        articleId: "a1",
        annotatorId: "y",
        start: 0,
        end: 5,
        label: "PER",
        kind: "ENTITY",
        entityId: "e",
        claimId: null,
        verdict: null,
      },
    ],
    names: new Map([["e", "Stockholm"]]),
  });
  const lines = agreementCsv(report).split("\r\n");

  it("writes one figure per row under a fixed header", () => {
    expect(lines[0]).toBe("table,annotator_a,annotator_b,story,language,article,label,measure,value,reason");
    expect(lines).toContain('pair,"Xena, editor",Yngve,,,,,exact_f1,1,');
    expect(lines).toContain("cross_language_entity,Yngve,,,sv,,Stockholm,linked_in,1,");
  });

  it("leaves undefined figures empty and gives the reason", () => {
    expect(lines).toContain("overall,,,,,,,verdict_agreement,,no matched pair of spans where both are linked");
    expect(lines.join("\n")).not.toMatch(/NaN/);
  });
});
