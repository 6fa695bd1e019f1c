/**
 * A generated long article with spans, for the reader's benchmark and
 * end-to-end tests: sentences of filler words and names in paragraphs of
 * about 400 characters, an entity span on every name and a claim span over
 * every eighth sentence (so entities nest inside claims and overlap).
 */
export const WORDS = (
  "harbour ferry power quay port director terminal emissions ships berth summer reporters kronor union " +
  "research institute quality residents district noise night association news engine diesel route"
).split(" ");
const NAMES = ["Varnhamn", "Kattegat Ferries", "Ingrid Halvorsen", "Kiel", "European Union", "Maritime Institute"];

/** An article of about `chars` characters in paragraphs of ~400, and `spanCount` spans over it. */
export function generate(chars: number, spanCount: number, seed = 1) {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const paragraphs: string[] = [];
  const spans: { start: number; end: number; text: string; kind: string; label?: string }[] = [];
  const names: { start: number; end: number; text: string }[] = [];
  const sentences: { start: number; end: number }[] = [];
  let length = 0;
  while (length < chars) {
    let p = "";
    while (p.length < 400) {
      const start = length + p.length;
      let sentence = "";
      for (let w = 0; w < 12; w++) {
        if (rand() < 0.5) {
          const name = NAMES[Math.floor(rand() * NAMES.length)]!;
          names.push({ start: start + sentence.length, end: start + sentence.length + name.length, text: name });
          sentence += name + " ";
        } else sentence += WORDS[Math.floor(rand() * WORDS.length)]! + " ";
      }
      sentence = sentence.trimEnd() + ". ";
      sentences.push({ start, end: start + sentence.length - 1 });
      p += sentence;
    }
    p = p.trimEnd();
    paragraphs.push(p);
    length += p.length + 2;
  }
  const text = paragraphs.join("\n\n").slice(0, chars);
  // Entities on names, and every eighth sentence a claim over it (names inside claims nest).
  const claimEvery = 8;
  for (let k = 0; k < sentences.length && spans.length < spanCount / 10; k += claimEvery) {
    const s = sentences[k]!;
    if (s.end <= text.length)
      spans.push({ start: s.start, end: s.end, text: text.slice(s.start, s.end), kind: "claim" });
  }
  for (const n of names) {
    if (spans.length >= spanCount) break;
    if (n.end <= text.length) spans.push({ ...n, kind: "entity", label: n.text.includes(" ") ? "ORG" : "GPE" });
  }
  return { text, spans };
}
