/**
 * The reader's font stacks. The fonts themselves are loaded app-wide
 * (components/layout/fonts.ts, from @fontsource with unicode-range subsets).
 */
const LATIN = '"Noto Sans"';
const ARABIC = '"Noto Naskh Arabic"';
const HEBREW = '"Noto Sans Hebrew"';
const CJK = '"Noto Sans SC"';
// The systems' own colour emoji first (app/globals.css): Safari and Debian's Chromium do not draw the
// bundled font's COLRv1 glyphs.
const EMOJI = '"Apple Color Emoji", "Segoe UI Emoji", "Local Noto Color Emoji", "Noto Color Emoji"';

/** The font stack for a pane: the script's own font first, so shared characters (digits, punctuation) match it. */
export function fontStack(script: string | undefined): string {
  const first =
    script === "Arab"
      ? ARABIC
      : script === "Hebr"
        ? HEBREW
        : script && /^(Hans|Hant|Hani|Jpan|Kore)$/.test(script)
          ? CJK
          : LATIN;
  const rest = [LATIN, ARABIC, HEBREW, CJK].filter((f) => f !== first);
  return [first, ...rest, EMOJI, "sans-serif"].join(", ");
}
