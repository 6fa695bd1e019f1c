/**
 * Writing direction and line-breaking class of a language tag, for the
 * `dir` attribute and the CJK line-breaking rules of a pane.
 */
const RTL_SCRIPTS = new Set(["Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", "Yezi"]);
const CJK_SCRIPTS = new Set(["Hans", "Hant", "Hani", "Jpan", "Kore", "Hira", "Kana", "Hang"]);

/** The script of a BCP 47 tag, filled in from likely subtags ("ar" → "Arab", "zh" → "Hans"). */
export function scriptOf(language: string): string | undefined {
  try {
    return new Intl.Locale(language).maximize().script;
  } catch {
    return undefined;
  }
}

export function textDirection(language: string): "rtl" | "ltr" {
  const script = scriptOf(language);
  return script && RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
}

/** Chinese, Japanese and Korean text: lines break between characters, with the strict CJK rules. */
export function isCjk(language: string): boolean {
  const script = scriptOf(language);
  return !!script && CJK_SCRIPTS.has(script);
}
