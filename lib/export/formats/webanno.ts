/**
 * W3C Web Annotation (JSON-LD), one annotation per line: every line is a
 * complete JSON-LD document with its own @context, so the file streams, splits
 * and loads line by line (a million spans do not have to be parsed as one
 * document). Positions are code points, as the W3C model requires.
 */
import { OffsetIndex } from "../../text/code-points";
import { quoteAt } from "../../text/quote";
import { exportKey, type ArticleRecord, type ClaimRecord, type EntityRecord, type SpanRecord } from "../records";
import { httpUri, jsonText } from "./text-safety";
import type { FormatSpec } from "./types";

export const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

/** The article's IRI: its http(s) URL when known (percent-encoded to ASCII), else a Parallax URN. */
export function articleIri(a: Pick<ArticleRecord, "id" | "url">): string {
  return httpUri(a.url) ?? `urn:parallax:article:${a.id}`;
}

export function entityIri(e: Pick<EntityRecord, "id" | "key" | "wikidataQid">): string {
  return e.wikidataQid
    ? `http://www.wikidata.org/entity/${e.wikidataQid}`
    : `urn:parallax:entity:${encodeURIComponent(exportKey(e))}`;
}

export function claimIri(c: Pick<ClaimRecord, "id" | "key">): string {
  return `urn:parallax:claim:${encodeURIComponent(exportKey(c))}`;
}

/**
 * One annotation. `context` overrides the span's stored prefix and suffix
 * (the export passes them freshly cut on grapheme boundaries of the text).
 */
export function webAnnotation(
  s: SpanRecord,
  article: Pick<ArticleRecord, "id" | "url">,
  entity: EntityRecord | null,
  claim: ClaimRecord | null,
  context: { prefix: string; suffix: string } = s,
): Record<string, unknown> {
  const body: Record<string, unknown>[] = [];
  if (s.label) body.push({ type: "TextualBody", purpose: "tagging", value: s.label });
  if (entity) body.push({ type: "SpecificResource", purpose: "identifying", source: entityIri(entity) });
  if (claim) body.push({ type: "SpecificResource", purpose: "identifying", source: claimIri(claim) });
  return {
    "@context": ANNO_CONTEXT,
    id: `urn:uuid:${s.id}`,
    type: "Annotation",
    motivation: entity || claim ? "identifying" : "tagging",
    created: s.createdAt,
    modified: s.updatedAt,
    ...(s.createdById && {
      creator: { id: `urn:parallax:user:${s.createdById}`, type: "Person", name: s.createdByName ?? undefined },
    }),
    body,
    target: {
      source: articleIri(article),
      selector: [
        { type: "TextQuoteSelector", exact: s.quote, prefix: context.prefix, suffix: context.suffix },
        { type: "TextPositionSelector", start: s.start, end: s.end },
      ],
    },
  };
}

export const webanno: FormatSpec = {
  id: "webanno",
  title: "W3C Web Annotation (JSON-LD lines)",
  extension: "webanno.jsonl",
  mediaType: "application/jsonl; charset=utf-8",
  unit: "spans",
  shape: () => ({ placedOnly: true, articlesWithoutSpans: false }),
  async *render(ctx) {
    const { reader } = ctx;
    let index: OffsetIndex | null = null;
    for await (const { article, spans, first, last } of ctx.chunks()) {
      if (first || !index) index = new OffsetIndex(article.text);
      let out = "";
      for (const s of spans) {
        const entity = s.entityId ? reader.entity(s.entityId) : null;
        const claim = s.claimId ? reader.claim(s.claimId) : null;
        // Exported spans are placed: their offsets refer to this text.
        const context = quoteAt(index, s.start, s.end);
        out += `${jsonText(webAnnotation(s, article, entity, claim, context))}\n`;
      }
      ctx.done(spans.length, last ? 1 : 0);
      yield out;
    }
  },
};
