/**
 * The app's fonts, from npm (@fontsource), bundled by Next and loaded on
 * every page (the root layout imports this): no network fetch at build or
 * run time, and no boxes where the machine lacks a script's font (Chinese
 * story titles, emoji, the "＋" of a create option). Each stylesheet
 * declares unicode-range subsets, so a page loads only the chunks its text
 * needs: an English page fetches none of the CJK, Arabic or emoji chunks.
 */
import "@fontsource/noto-sans/400.css";
import "@fontsource/noto-sans/700.css";
import "@fontsource/noto-sans-sc/400.css";
import "@fontsource/noto-naskh-arabic/400.css";
import "@fontsource/noto-naskh-arabic/700.css";
import "@fontsource/noto-sans-hebrew/400.css";
import "@fontsource/noto-color-emoji/400.css";
