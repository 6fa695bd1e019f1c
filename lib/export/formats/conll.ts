/**
 * CoNLL 2003 style NER data: BIO (IOB2) tags over tokens, for entities only.
 * Each article is a document opened by the `-DOCSTART-` line; sentences are
 * separated by blank lines; a token line has the CoNLL 2003 columns
 * `token POS chunk tag`, with `_` for the part-of-speech and chunk columns we
 * do not have. Tokenization and overlap resolution: lib/export/tokenize.ts.
 */
import type { LabeledSpan } from "../tokenize";
import { bioSentences } from "../tokenize";
import type { FormatSpec } from "./types";

export const DOCSTART = "-DOCSTART- -X- -X- O\n\n";

/** One document: the article's tagged sentences. */
export function conllDocument(text: string, language: string, entities: readonly LabeledSpan[]): string {
  let out = DOCSTART;
  for (const sentence of bioSentences(text, language, entities)) {
    for (const token of sentence) out += `${token.text} _ _ ${token.tag}\n`;
    out += "\n";
  }
  return out;
}

export const conll: FormatSpec = {
  id: "conll",
  title: "CoNLL 2003 (BIO tokens, entities)",
  extension: "conll",
  mediaType: "text/plain; charset=utf-8",
  unit: "spans",
  // Articles without (selected) entities are documents of O tokens: negative examples.
  shape: (spanCriteria) => ({ placedOnly: true, articlesWithoutSpans: !spanCriteria }),
  async *render(ctx) {
    let entities: LabeledSpan[] = [];
    for await (const { article, spans, last } of ctx.chunks()) {
      for (const s of spans) {
        if (s.kind === "ENTITY" && s.label) entities.push({ id: s.id, start: s.start, end: s.end, label: s.label });
      }
      ctx.done(spans.length, last ? 1 : 0);
      if (!last) continue;
      yield conllDocument(article.text, article.language, entities);
      entities = [];
    }
  },
};
