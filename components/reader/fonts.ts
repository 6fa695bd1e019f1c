/**
 * The reader's fonts, from npm (@fontsource), bundled by Next: no network
 * fetch at build or run time. Each stylesheet declares unicode-range
 * subsets, so a page loads only the chunks its text needs (a Chinese
 * article fetches the CJK chunks it uses, an English one none of them).
 */
import "@fontsource/noto-sans/400.css";
import "@fontsource/noto-sans/700.css";
import "@fontsource/noto-sans-sc/400.css";
import "@fontsource/noto-naskh-arabic/400.css";
import "@fontsource/noto-naskh-arabic/700.css";
import "@fontsource/noto-sans-hebrew/400.css";

const LATIN = '"Noto Sans"';
const ARABIC = '"Noto Naskh Arabic"';
const HEBREW = '"Noto Sans Hebrew"';
const CJK = '"Noto Sans SC"';
const EMOJI = '"Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji"';

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
