/**
 * Parallax JSONL: the lossless format (docs/formats.md). One article per line
 * with its text, metadata, story and spans, plus the entities and claims the
 * spans reference, so every line stands alone and the file imports back.
 */
import { compareCodePoints } from "../filter";
import {
  exportKey,
  isPlaced,
  type ArticleRecord,
  type ClaimRecord,
  type EntityRecord,
  type SpanRecord,
} from "../records";
import { jsonText } from "./text-safety";
import type { FormatSpec } from "./types";

/** The line up to and including the opening bracket of `spans`. */
export function articleHead(a: ArticleRecord): string {
  const head = jsonText({
    id: a.id,
    external_id: a.externalId,
    story: a.story,
    story_title: a.storyTitle,
    language: a.language,
    title: a.title,
    outlet: a.outlet,
    author: a.author,
    url: a.url,
    published: a.published,
    status: a.status,
    revision: a.revision,
    content_hash: a.contentHash,
    text: a.text,
  });
  return `${head.slice(0, -1)},"spans":[`;
}

export function spanJson(
  s: SpanRecord,
  article: Pick<ArticleRecord, "revision">,
  entityKey: string | null,
  claimKey: string | null,
): string {
  const json = jsonText({
    id: s.id,
    start: s.start,
    end: s.end,
    text: s.quote,
    prefix: s.prefix,
    suffix: s.suffix,
    kind: s.kind === "CLAIM" ? "claim" : "entity",
    label: s.label,
    entity: entityKey,
    claim: claimKey,
    review_status: s.reviewStatus,
    orphaned: s.orphaned,
    source: s.source,
    version: s.version,
    created_by: s.createdBy,
    updated_by: s.updatedBy,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  });
  // A span a text edit could not place keeps the offsets of the revision it was made on;
  // a span of another layer than the shared one says which, and where it came from.
  const extra = [
    isPlaced(s, article) ? "" : `"revision":${s.revision}`,
    s.layer === "SHARED" || !s.layer ? "" : layerJson(s).slice(1, -1),
  ].filter(Boolean);
  return extra.length ? `${json.slice(0, -1)},${extra.join(",")}}` : json;
}

/** A span's layer and provenance (import puts it back in the same layer). */
function layerJson(s: SpanRecord): string {
  return jsonText(
    s.layer === "ANNOTATOR"
      ? { layer: "annotator", annotator: s.annotator }
      : {
          layer: "curated",
          proposed_by: s.proposedBy,
          accepted_by: s.acceptedBy,
          source_span: s.sourceSpanId,
        },
  );
}

export function entityJson(e: EntityRecord): string {
  return jsonText({
    key: exportKey(e),
    id: e.id,
    name: e.name,
    label: e.label,
    wikidata_qid: e.wikidataQid,
    description: e.description,
    aliases: e.aliases.map((a) => ({ language: a.language, alias: a.alias })),
  });
}

export function claimJson(c: ClaimRecord, claimantKey: string | null): string {
  return jsonText({
    key: exportKey(c),
    id: c.id,
    statement: c.statement,
    claimant: claimantKey,
    claim_date: c.claimDate,
    verdict: c.verdict?.key ?? null,
    note: c.note,
    evidence_urls: c.evidenceUrls,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  });
}

/** The end of a line: the referenced entities and claims, ordered by key. */
export function articleTail(
  entities: readonly EntityRecord[],
  claims: readonly ClaimRecord[],
  keyOf: (entityId: string) => string,
  serialize: { entity: (e: EntityRecord) => string; claim: (c: ClaimRecord) => string } = {
    entity: entityJson,
    claim: (claim) => claimJson(claim, claim.claimantId ? keyOf(claim.claimantId) : null),
  },
): string {
  const byKey = <T extends { key: string | null; id: string }>(x: T, y: T) =>
    compareCodePoints(exportKey(x), exportKey(y));
  const e = [...entities].sort(byKey).map(serialize.entity).join(",");
  const c = [...claims].sort(byKey).map(serialize.claim).join(",");
  return `],"entities":[${e}],"claims":[${c}]}\n`;
}

/** Entities and claims serialized once per export, not once per line that references them. */
function memo<T extends { id: string }>(serialize: (item: T) => string) {
  const cache = new Map<string, string>();
  return (item: T) => {
    let json = cache.get(item.id);
    if (json === undefined) {
      if (cache.size > 20_000) cache.clear();
      json = serialize(item);
      cache.set(item.id, json);
    }
    return json;
  };
}

export const jsonl: FormatSpec = {
  id: "jsonl",
  title: "Parallax JSONL",
  extension: "jsonl",
  mediaType: "application/jsonl; charset=utf-8",
  unit: "spans",
  // Lossless: orphaned spans too, and every article the article filters select.
  shape: (spanCriteria) => ({ placedOnly: false, articlesWithoutSpans: !spanCriteria }),
  async *render(ctx) {
    const { reader } = ctx;
    const keyOf = (entityId: string) => exportKey(reader.entity(entityId));
    const serialize = {
      entity: memo(entityJson),
      claim: memo((claim: ClaimRecord) => claimJson(claim, claim.claimantId ? keyOf(claim.claimantId) : null)),
    };
    let entities = new Set<string>();
    let claims = new Set<string>();
    let written = 0; // spans of the current article written so far
    for await (const { article, spans, first, last } of ctx.chunks()) {
      let out = "";
      if (first) {
        out = articleHead(article);
        written = 0;
      }
      for (const s of spans) {
        if (s.entityId) entities.add(s.entityId);
        if (s.claimId) claims.add(s.claimId);
        if (written++ > 0) out += ",";
        out += spanJson(
          s,
          article,
          s.entityId ? keyOf(s.entityId) : null,
          s.claimId ? exportKey(reader.claim(s.claimId)) : null,
        );
      }
      if (last) {
        const claimRecords = [...claims].map((id) => reader.claim(id));
        for (const c of claimRecords) if (c.claimantId) entities.add(c.claimantId);
        out += articleTail(
          [...entities].map((id) => reader.entity(id)),
          claimRecords,
          keyOf,
          serialize,
        );
        entities = new Set();
        claims = new Set();
      }
      ctx.done(spans.length, last ? 1 : 0);
      yield out;
    }
  },
};
