/**
 * Language tags are BCP 47, canonicalized the way the platform does it
 * (`Intl.getCanonicalLocales`): "ZH-hans" → "zh-Hans", "iw" → "he".
 */

export type LanguageResult = { ok: true; tag: string } | { ok: false; reason: string };

export function canonicalLanguage(input: unknown): LanguageResult {
  if (typeof input !== "string" || input.trim() === "") {
    return { ok: false, reason: "language is missing (a BCP 47 tag such as sv, en, fr, zh-Hans, ar)" };
  }
  const tag = input.trim();
  // BCP 47 uses "-"; "_" (as in POSIX locales) is a common slip worth a precise message.
  if (tag.includes("_")) {
    return {
      ok: false,
      reason: `invalid language tag ${JSON.stringify(tag)}: BCP 47 separates subtags with "-" (${tag.replace(/_/g, "-")})`,
    };
  }
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (!canonical) throw new RangeError("empty");
    return { ok: true, tag: canonical };
  } catch {
    return { ok: false, reason: `invalid language tag ${JSON.stringify(tag)} (expected BCP 47, e.g. sv, en, zh-Hans)` };
  }
}
