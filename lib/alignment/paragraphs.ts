/**
 * Paragraphs of an article text: each non-blank line, without its leading
 * and trailing white space, as a code-point range. The corpus and imported
 * documents use one line per paragraph (blank lines between them or not), so
 * a line is the unit an editor sees and aligns.
 */

export interface Paragraph {
  index: number;
  /** Code-point offsets into the text, end excluded. */
  start: number;
  end: number;
}

export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let cp = 0; // code-point offset of position i
  let first = -1; // first non-space code point of the line
  let last = -1; // end of the last non-space code point of the line
  const close = () => {
    if (first >= 0) paragraphs.push({ index: paragraphs.length, start: first, end: last });
    first = -1;
    last = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      close();
      cp++;
      continue;
    }
    const astral = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLow(text.charCodeAt(i + 1));
    if (!isSpace(c)) {
      if (first < 0) first = cp;
      last = cp + 1;
    }
    if (astral) i++;
    cp++;
  }
  close();
  return paragraphs;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

// White space that does not count as paragraph content (Unicode White_Space, BMP).
function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0b ||
    c === 0x0c ||
    c === 0x0d ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
