/** The words of an article, as spans a benchmark can write (code-point offsets and the quote), and the write. */
import { randomUUID } from "node:crypto";
import { OffsetIndex } from "../lib/text/code-points";

export interface Word {
  articleId: string;
  start: number;
  end: number;
  quote: string;
}

/** Every word-like segment of two or more UTF-16 units, in text order. */
export function wordsOf(articleId: string, text: string): Word[] {
  const index = new OffsetIndex(text);
  const out: Word[] = [];
  for (const { segment, index: at, isWordLike } of new Intl.Segmenter(undefined, { granularity: "word" }).segment(
    text,
  )) {
    if (!isWordLike || segment.length < 2) continue;
    out.push({ articleId, start: index.toCodePoint(at), end: index.toCodePoint(at + segment.length), quote: segment });
  }
  return out;
}

/** Tags `word` with `labelId` through the span API, as the reader does (one create mutation). */
export function writeSpan(
  baseUrl: string,
  cookie: string,
  word: Word,
  labelId: string,
  id: string = randomUUID(),
): Promise<Response> {
  return fetch(`${baseUrl}/api/articles/${word.articleId}/spans/mutations`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: baseUrl },
    body: JSON.stringify({
      mutations: [{ type: "create", mutationId: randomUUID(), span: { id, ...word, kind: "ENTITY", labelId } }],
    }),
  });
}
