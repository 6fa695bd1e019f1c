/**
 * Turns one parsed import line into a PreparedArticle: every check that
 * needs no database (language tag, body size, span offsets and quotes,
 * labels and verdicts), the text normalized once, and span offsets carried
 * through the normalization. Pure: the same line always gives the same result.
 */
import { cleanField } from "../articles/prepare";
import { SpanValidator } from "../spans/validate";
import { OffsetIndex, codePointLength } from "../text/code-points";
import { contentHash } from "../text/hash";
import { normalizeArticleText, normalizeSnippet } from "../text/normalize";
import { quoteAt } from "../text/quote";
import type { ImportErrorCode } from "./errors";
import { canonicalLanguage } from "./language";
import { bodyProblem, utf8Length } from "./limits";
import type { ImportClaim, ImportEntity, ImportLine, ImportSpan } from "./schema";
import type { Taxonomy, TaxonomyLabel } from "./taxonomy";

export type ArticleStatusValue = "NEW" | "IN_PROGRESS" | "REVIEWED";

export interface PreparedSpan {
  /** Position in the line's `spans` array, for messages. */
  index: number;
  id: string | null;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  kind: "ENTITY" | "CLAIM";
  label: TaxonomyLabel | null;
  entityKey: string | null;
  claimKey: string | null;
  reviewStatus: "PENDING" | "APPROVED" | "REJECTED" | null;
  /** An exported span its article's current text could not place: offsets refer to an older revision. */
  orphaned: boolean;
  revision: number | null;
  source: "MANUAL" | "IMPORT" | "SUGGESTION" | null;
  version: number | null;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  layer: "SHARED" | "ANNOTATOR" | "CURATED";
  /** E-mail (lower case) of the annotator whose layer it is. */
  annotator: string | null;
  proposedBy: string | null;
  acceptedBy: string | null;
  sourceSpanId: string | null;
}

export interface PreparedEntity {
  key: string;
  /** An exported entity without a key carries its id as key: it stays keyless. */
  keyIsId: boolean;
  id: string | null;
  name: string;
  label: TaxonomyLabel | null;
  wikidataQid: string | null;
  description: string | null;
  aliases: { language: string; alias: string }[];
}

export interface PreparedClaim {
  key: string;
  keyIsId: boolean;
  id: string | null;
  statement: string;
  claimantKey: string | null;
  claimDate: Date | null;
  verdictId: string | null;
  note: string | null;
  evidenceUrls: string[];
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface PreparedArticle {
  line: number;
  id: string | null;
  externalId: string | null;
  storyKey: string;
  /** Whether the story key came from the line (or an override) rather than being derived. */
  storyKeyGiven: boolean;
  storyTitle: string | null;
  language: string;
  title: string | null;
  outlet: string | null;
  author: string | null;
  url: string | null;
  publishedAt: Date | null;
  status: ArticleStatusValue | null;
  revision: number | null;
  text: string;
  length: number;
  contentHash: string;
  /** Bytes of UTF-8 of the stored text. */
  bytes: number;
  spans: PreparedSpan[];
  entities: PreparedEntity[];
  claims: PreparedClaim[];
  warnings: string[];
}

export type Prepared = { ok: true; article: PreparedArticle } | { ok: false; reason: string; code: ImportErrorCode };

export interface PrepareOptions {
  taxonomy: Taxonomy;
  /** Put the article in this story whatever the line says. */
  storyKey?: string;
  storyTitle?: string;
}

class Rejection extends Error {
  constructor(
    message: string,
    readonly code: ImportErrorCode,
  ) {
    super(message);
  }
}
const reject = (reason: string, code: ImportErrorCode = "INVALID_INPUT"): never => {
  throw new Rejection(reason, code);
};

export function prepareArticle(line: number, input: ImportLine, options: PrepareOptions): Prepared {
  try {
    return { ok: true, article: prepare(line, input, options) };
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, reason: error.message, code: error.code };
    throw error;
  }
}

function prepare(line: number, input: ImportLine, { taxonomy, storyKey, storyTitle }: PrepareOptions): PreparedArticle {
  const language = canonicalLanguage(input.language);
  if (!language.ok) reject(language.reason, "INVALID_LANGUAGE");
  const problem = bodyProblem(input.text);
  if (problem) reject(problem.message, problem.code);

  const normalized = normalizeArticleText(input.text);
  const text = normalized.text;
  if (text.trim() === "") reject("text is empty after normalization (it held only control characters)", "EMPTY_TEXT");
  const hash = contentHash(text);
  if (input.content_hash && input.content_hash.toLowerCase() !== hash) {
    reject("content_hash does not match the text (sha256 of the normalized text); the text was changed after export");
  }
  const index = new OffsetIndex(text);
  const warnings: string[] = [];
  const lang = (language as { tag: string }).tag;

  // Validators are built on demand: an article without spans never needs one.
  let rawValidator: SpanValidator | undefined;
  let textValidator: SpanValidator | undefined;
  const spans: PreparedSpan[] = [];
  const seenIds = new Set<string>();
  const seenSpans = new Set<string>();
  for (const [i, span] of (input.spans ?? []).entries()) {
    const where = `spans[${i}] ${describeSpan(span)}`;
    if (span.id) {
      if (seenIds.has(span.id)) reject(`${where}: span id ${span.id} appears twice in the line`);
      seenIds.add(span.id);
    }
    const kind = span.kind === "entity" ? "ENTITY" : "CLAIM";
    const label = resolveLabel(span, kind, taxonomy, where);
    if (kind === "ENTITY" && span.claim) reject(`${where}: an entity span cannot link a claim`);
    if (kind === "CLAIM" && span.entity) reject(`${where}: a claim span cannot link an entity`);

    let placed: { start: number; end: number; quote: string; prefix: string; suffix: string };
    if (span.orphaned) {
      // Kept as exported: its offsets refer to an earlier revision of the text.
      if (span.end <= span.start || span.text === "") {
        reject(`${where}: an orphaned span still needs start < end and a quote`, "INVALID_SPAN");
      }
      placed = {
        start: span.start,
        end: span.end,
        quote: normalizeSnippet(span.text),
        prefix: normalizeSnippet(span.prefix ?? ""),
        suffix: normalizeSnippet(span.suffix ?? ""),
      };
    } else {
      rawValidator ??= new SpanValidator(input.text);
      const rawProblem = rawValidator.check(span.start, span.end, span.text);
      if (rawProblem) {
        const hint =
          (rawProblem.code === "QUOTE_MISMATCH" || rawProblem.code === "OUT_OF_RANGE") &&
          input.text.slice(span.start, span.end) === span.text
            ? " (these offsets count UTF-16 code units; Parallax counts Unicode code points, like Python)"
            : "";
        reject(`${where}: ${rawProblem.message}${hint}`, "INVALID_SPAN");
      }
      let start = span.start;
      let end = span.end;
      if (!normalized.unchanged) {
        start = normalized.mapOffset(span.start, "start");
        end = normalized.mapOffset(span.end, "end");
        if (end <= start) {
          reject(`${where}: covers only characters that normalization removes (control characters)`, "INVALID_SPAN");
        }
        textValidator ??= new SpanValidator(text);
        const mapped = textValidator.check(start, end);
        if (mapped) reject(`${where}: after normalization, ${mapped.message}`, "INVALID_SPAN");
      }
      placed = quoteAt(index, start, end);
    }
    const layer = span.layer
      ? (span.layer.toUpperCase() as PreparedSpan["layer"])
      : span.annotator
        ? "ANNOTATOR"
        : "SHARED";
    const annotator = span.annotator ? span.annotator.toLowerCase() : null;
    if (layer === "ANNOTATOR" && !annotator)
      reject(`${where}: a span of an annotator's layer needs "annotator" (an e-mail)`);
    if (layer !== "ANNOTATOR" && annotator) reject(`${where}: "annotator" goes only with the annotator layer`);
    const signature = `${layer}:${annotator ?? ""}:${placed.start}:${placed.end}:${kind}:${label?.key ?? ""}:${span.entity ?? ""}:${span.claim ?? ""}`;
    if (!span.id && seenSpans.has(signature)) {
      warnings.push(`${where}: the same span appears twice; imported once`);
      continue;
    }
    seenSpans.add(signature);
    spans.push({
      index: i,
      id: span.id ?? null,
      ...placed,
      kind,
      label,
      entityKey: span.entity ?? null,
      claimKey: span.claim ?? null,
      reviewStatus: span.review_status ?? null,
      orphaned: span.orphaned ?? false,
      revision: span.orphaned ? (span.revision ?? null) : null,
      source: span.source ?? null,
      version: span.version ?? null,
      createdBy: span.created_by ?? null,
      updatedBy: span.updated_by ?? null,
      createdAt: span.created_at ? new Date(span.created_at) : null,
      updatedAt: span.updated_at ? new Date(span.updated_at) : null,
      layer,
      annotator,
      proposedBy: layer === "CURATED" ? (span.proposed_by ?? null) : null,
      acceptedBy: layer === "CURATED" ? (span.accepted_by ?? null) : null,
      sourceSpanId: layer === "CURATED" ? (span.source_span ?? null) : null,
    });
  }

  const externalId = input.external_id ? input.external_id : null;
  const title = cleanField(input.title);
  const givenStory = storyKey ?? input.story ?? null;
  const key = givenStory ?? deriveStoryKey(externalId, title, hash);

  return {
    line,
    id: input.id ?? null,
    externalId,
    storyKey: key,
    storyKeyGiven: givenStory !== null,
    storyTitle: cleanField(storyKey ? (storyTitle ?? null) : input.story_title) ?? null,
    language: lang,
    title,
    outlet: cleanField(input.outlet),
    author: cleanField(input.author),
    url: cleanField(input.url),
    publishedAt: input.published ? new Date(`${input.published.slice(0, 10)}T00:00:00Z`) : null,
    status: input.status ?? null,
    revision: input.revision ?? null,
    text,
    length: index.length,
    contentHash: hash,
    bytes: utf8Length(text),
    spans,
    entities: (input.entities ?? []).map((e, i) => prepareEntity(e, i, taxonomy)),
    claims: (input.claims ?? []).map((c, i) => prepareClaim(c, i, taxonomy)),
    warnings,
  };
}

function resolveLabel(span: ImportSpan, kind: "ENTITY" | "CLAIM", taxonomy: Taxonomy, where: string) {
  if (!span.label) return kind === "CLAIM" ? taxonomy.defaultClaimLabel : null;
  const label = taxonomy.labels.get(span.label.toUpperCase());
  if (!label) {
    return reject(
      `${where}: unknown label ${JSON.stringify(span.label)} (known: ${[...taxonomy.labels.values()].map((l) => l.key).join(", ")})`,
      "UNKNOWN_REFERENCE",
    );
  }
  if (label.kind !== kind) {
    reject(
      `${where}: label ${label.key} is for ${label.kind.toLowerCase()} spans, not ${kind.toLowerCase()} spans`,
      "INVALID_SPAN",
    );
  }
  return label;
}

function prepareEntity(e: ImportEntity, i: number, taxonomy: Taxonomy): PreparedEntity {
  const where = `entities[${i}] (${e.key})`;
  let label: TaxonomyLabel | null = null;
  if (e.label) {
    label =
      taxonomy.labels.get(e.label.toUpperCase()) ??
      reject(`${where}: unknown label ${JSON.stringify(e.label)}`, "UNKNOWN_REFERENCE");
    if (label.kind !== "ENTITY") reject(`${where}: label ${label.key} is not an entity label`);
  }
  const aliases = (e.aliases ?? []).map((a, j) => {
    const language = canonicalLanguage(a.language);
    if (!language.ok) return reject(`${where}.aliases[${j}]: ${language.reason}`, "INVALID_LANGUAGE");
    return { language: language.tag, alias: normalizeSnippet(a.alias).trim() };
  });
  return {
    key: e.key,
    keyIsId: !!e.id && e.key.toLowerCase() === e.id,
    id: e.id ?? null,
    name: normalizeSnippet(e.name).trim(),
    label,
    wikidataQid: e.wikidata_qid ?? null,
    description: cleanField(e.description),
    aliases,
  };
}

function prepareClaim(c: ImportClaim, i: number, taxonomy: Taxonomy): PreparedClaim {
  const where = `claims[${i}] (${c.key})`;
  let verdictId: string | null = null;
  if (c.verdict) {
    const verdict = taxonomy.verdicts.get(c.verdict.toUpperCase());
    if (!verdict) {
      reject(
        `${where}: unknown verdict ${JSON.stringify(c.verdict)} (known: ${[...taxonomy.verdicts.values()].map((v) => v.key).join(", ")})`,
        "UNKNOWN_REFERENCE",
      );
    }
    verdictId = verdict!.id;
  }
  return {
    key: c.key,
    keyIsId: !!c.id && c.key.toLowerCase() === c.id,
    id: c.id ?? null,
    statement: normalizeSnippet(c.statement).trim(),
    claimantKey: c.claimant ?? null,
    claimDate: c.claim_date ? new Date(`${c.claim_date.slice(0, 10)}T00:00:00Z`) : null,
    verdictId,
    note: c.note ? normalizeSnippet(c.note) : null,
    evidenceUrls: (c.evidence_urls ?? []).map((u) => normalizeSnippet(u).trim()).filter(Boolean),
    createdAt: c.created_at ? new Date(c.created_at) : null,
    updatedAt: c.updated_at ? new Date(c.updated_at) : null,
  };
}

/**
 * A story key for a line that names none: its external id (each such article
 * is its own story), else its title and a hash prefix, else the hash alone —
 * stable, so importing the line again finds the same story.
 */
export function deriveStoryKey(externalId: string | null, title: string | null, hash: string): string {
  if (externalId) return externalId;
  const slug = title ? slugify(title) : "";
  return slug ? `${slug}-${hash.slice(0, 8)}` : `article-${hash.slice(0, 12)}`;
}

/** Lower-case letters and digits of any script, joined by "-", at most 60 code points. */
export function slugify(value: string): string {
  const slug = value
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  const cut = [...slug].slice(0, 60).join("");
  return cut.replace(/-+$/, "");
}

function describeSpan(span: ImportSpan): string {
  const quote = codePointLength(span.text) > 40 ? `${[...span.text].slice(0, 40).join("")}…` : span.text;
  return `${JSON.stringify(quote)} at [${span.start}, ${span.end})`;
}
