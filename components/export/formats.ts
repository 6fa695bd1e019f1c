/** The five export formats as the page presents them (docs/formats.md has the full specs). */
export interface FormatChoice {
  id: string;
  title: string;
  extension: string;
  unit: "spans" | "claims";
  description: string;
}

export const FORMAT_DESCRIPTIONS: Record<string, string> = {
  jsonl:
    "Lossless: one article per line with its text, metadata, spans (code-point offsets, quote, context, authors) and the entities and claims they link to. Imports back into Parallax.",
  webanno:
    "W3C Web Annotation JSON-LD, one annotation per span with TextQuoteSelector and TextPositionSelector (code points); labels and entity/claim links (Wikidata IRIs) in the body.",
  claimreview:
    "schema.org ClaimReview JSON-LD for every claim with a verdict: the rating, the claim and where it appears in each language version. For publishing fact-checks.",
  conll:
    "CoNLL 2003 style BIO tokens of the entity spans, one token per line (Han characters one token each), for training and evaluating NER models.",
  csv: "One row per span (article, language, offsets, quote, label, entity, claim, review status, authors) for spreadsheets. UTF-8 with a byte-order mark.",
};

/** Above this many spans, an export runs as a background job rather than a direct download. */
export const DIRECT_DOWNLOAD_MAX = 50_000;
