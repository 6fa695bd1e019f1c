/**
 * The agreement report as CSV: one figure per row (long format), so every
 * table of the report (overall, per language, per article, per pair, per
 * label, links) fits one sheet and filters by column. Undefined figures have
 * an empty value and their reason.
 */
import { csvRow } from "../export/formats/csv";
import type { Coefficient } from "./coefficient";
import type { AgreementReport, GroupReport, LinkFigures, MatchFigures } from "./report";

export const AGREEMENT_CSV_HEADER = [
  "table",
  "annotator_a",
  "annotator_b",
  "story",
  "language",
  "article",
  "label",
  "measure",
  "value",
  "reason",
] as const;

type Row = {
  table: string;
  a?: string;
  b?: string;
  story?: string;
  language?: string;
  article?: string;
  label?: string;
};

export function agreementCsv(report: AgreementReport): string {
  const name = new Map(report.annotators.map((a) => [a.id, a.name]));
  const out: string[] = [csvRow(AGREEMENT_CSV_HEADER)];
  const figure = (row: Row, measure: string, c: Coefficient | number) => {
    const [value, reason] = typeof c === "number" ? [c, null] : [c.value, c.reason];
    out.push(
      csvRow([
        row.table,
        row.a ? (name.get(row.a) ?? row.a) : null,
        row.b ? (name.get(row.b) ?? row.b) : null,
        row.story ?? null,
        row.language ?? null,
        row.article ?? null,
        row.label ?? null,
        measure,
        value,
        reason,
      ]),
    );
  };
  const group = (row: Row, g: GroupReport) => {
    figure(row, "articles", g.articles);
    figure(row, "alpha_u", g.alphaU);
    for (const l of g.labels) figure({ ...row, label: l.label }, "alpha_u", l.alphaU);
  };
  const match = (row: Row, prefix: string, m: MatchFigures) => {
    figure(row, `${prefix}_matched`, m.matched);
    figure(row, `${prefix}_precision`, m.precision);
    figure(row, `${prefix}_recall`, m.recall);
    figure(row, `${prefix}_f1`, m.f1);
  };
  const link = (row: Row, prefix: string, l: LinkFigures) => {
    figure(row, `${prefix}_linked_pairs`, l.linked);
    figure(row, `${prefix}_agreement`, l.agreement);
    figure(row, `${prefix}_alpha`, l.alpha);
  };
  group({ table: "overall" }, report.overall);
  link({ table: "overall" }, "entity", report.links.entity);
  link({ table: "overall" }, "verdict", report.links.verdict);
  for (const l of report.perLanguage) group({ table: "language", language: l.language }, l);
  for (const a of report.perArticle) {
    const row = { table: "article", story: a.storyKey, language: a.language, article: a.articleId };
    for (const [annotator, n] of Object.entries(a.spans)) figure({ ...row, a: annotator }, "spans", n);
    group(row, a);
  }
  for (const p of report.pairs) {
    const row = { table: "pair", a: p.a, b: p.b };
    figure(row, "articles", p.articles);
    figure(row, "spans_a", p.exact.a);
    figure(row, "spans_b", p.exact.b);
    figure(row, "alpha_u", p.alphaU);
    for (const l of p.labels) figure({ ...row, label: l.label }, "alpha_u", l.alphaU);
    match(row, "exact", p.exact);
    match(row, "overlap", p.overlap);
    link(row, "entity", p.entity);
    link(row, "verdict", p.verdict);
  }
  for (const c of report.crossLanguage) {
    for (const [annotator, languages] of Object.entries(c.languages)) {
      out.push(
        csvRow([
          `cross_language_${c.kind}`,
          name.get(annotator) ?? annotator,
          null,
          null,
          languages.join(" "),
          null,
          c.name,
          "linked_in",
          languages.length,
          null,
        ]),
      );
    }
  }
  return out.join("");
}
