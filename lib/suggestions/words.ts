/**
 * Words of an article as the suggestion matcher sees them: Intl.Segmenter's
 * word segmentation for the article's language, with two corrections for news
 * text: apostrophes and colons split words (French "l'Union", English
 * "Europe's", Swedish "FN:s" hold a name followed or preceded by a clitic),
 * and scripts written without spaces are matched as substrings.
 */
import { APOSTROPHES, fold } from "../text/fold";

/** Scripts written without spaces between words (or with particles attached, Korean): names are substrings. */
export const NO_SPACE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

/** Characters that end a word even where the segmenter keeps going. */
const CLITIC_SEPARATOR = /['\u2019\u2018\u02bc:]/;

export interface Word {
  /** UTF-16 indices into the text. */
  start: number;
  end: number;
  text: string;
  /** Lowercase, apostrophes unified: for exact comparison. */
  lower: string;
  /** Also without accents (lib/text/fold.ts): for comparing stems across languages. */
  folded: string;
}

const segmenters = new Map<string, Intl.Segmenter>();

export function wordSegmenter(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(language, { granularity: "word" });
    } catch {
      // An unknown or malformed tag: the root rules are right for most scripts.
      segmenter = new Intl.Segmenter(undefined, { granularity: "word" });
    }
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** Word-like segments of `text` (or of its part [from, to)), split at apostrophes and colons. */
export function words(text: string, language: string, from = 0, to = text.length): Word[] {
  const out: Word[] = [];
  for (const { segment, index, isWordLike } of wordSegmenter(language).segment(text.slice(from, to))) {
    if (!isWordLike) continue;
    let pieceStart = 0;
    for (let i = 0; i <= segment.length; i++) {
      if (i < segment.length && !CLITIC_SEPARATOR.test(segment[i]!)) continue;
      if (i > pieceStart) {
        const piece = segment.slice(pieceStart, i);
        out.push({
          start: from + index + pieceStart,
          end: from + index + i,
          text: piece,
          lower: piece.toLowerCase().replace(APOSTROPHES, "'"),
          folded: fold(piece),
        });
      }
      pieceStart = i + 1;
    }
  }
  return out;
}

// How much context the segmenter needs on each side to place a boundary: its
// rules look a few characters around a position, and dictionary-based scripts
// (CJK, Thai) never ask for a boundary (they match as substrings).
const CONTEXT = 32;

/** Index i moved off the second half of a surrogate pair. */
function clamp(text: string, i: number): number {
  if (i <= 0) return 0;
  if (i >= text.length) return text.length;
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
}

/**
 * Whether UTF-16 index `at` is a word boundary of `text`: an edge of a
 * segment, or beside an apostrophe or colon. Segments only a little context
 * around `at`, so checking a few candidate matches does not segment a whole
 * article.
 */
export function isWordBoundary(text: string, language: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return true;
  if (CLITIC_SEPARATOR.test(text[at - 1]!) || CLITIC_SEPARATOR.test(text[at]!)) return true;
  const from = clamp(text, at - CONTEXT);
  const window = text.slice(from, clamp(text, at + CONTEXT));
  for (const { index, segment } of wordSegmenter(language).segment(window)) {
    const start = from + index;
    if (start === at) return true;
    if (start > at) return false;
    if (start + segment.length > at) return false;
  }
  return true;
}

/**
 * Short function words that may sit between the words of a name in another
 * language ("université de Tsinghua", "Bank of England", "Institut für …").
 * Folded forms.
 */
export const CONNECTORS: ReadonlySet<string> = new Set([
  // English
  "of",
  "the",
  "for",
  "and",
  "on",
  // French
  "de",
  "du",
  "des",
  "d",
  "la",
  "le",
  "les",
  "l",
  "et",
  "pour",
  // Swedish, Norwegian, Danish ("för" and "på" fold to "for" and "pa")
  "i",
  "av",
  "och",
  "og",
  "pa",
  // German, Dutch
  "von",
  "der",
  "die",
  "das",
  "den",
  "dem",
  "zu",
  "zur",
  "zum",
  "fur",
  "und",
  "van",
  "het",
  "voor",
  // Spanish, Portuguese, Italian
  "del",
  "el",
  "los",
  "las",
  "y",
  "e",
  "da",
  "do",
  "dos",
  "das",
  "di",
  "della",
  "dei",
  "per",
]);

/**
 * Words common to many names, which translations share or nearly share
 * ("University"/"université"/"universitet"). They may match by a shared stem;
 * the other, distinctive, words of a name must appear exactly. Folded forms;
 * a word missing here is treated as distinctive, which only makes the matcher
 * stricter.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  [
    "university universite universitet universitat universidad universita universidade universiteit",
    "institute institut instituto istituto institutet",
    "college collegium school ecole escuela scuola skola schule academy academie akademie akademi academia",
    "council conseil consejo consiglio",
    "committee comite commission kommission kommissionen comision commissione",
    "ministry ministere ministerio ministero ministerium ministeriet department departement departamento",
    "agency agence agencia agenzia agentur",
    "office bureau buro oficina ufficio",
    "national nationale nacional nazionale nationell nationella nationalen",
    "international internationale internacional internazionale internationell internationella",
    "european europeenne europeen europaische europeiska europeo europea europeu",
    "federal federale federation federazione federacion forbund",
    "union unionen",
    "association associazione asociacion forening",
    "organisation organization organizacion organizzazione organisationen",
    "company compagnie compania compagnia kompani group groupe grupo gruppo gruppe gruppen",
    "corporation corporacion societe society sociedad societa gesellschaft",
    "foundation fondation fundacion fondazione stiftung stiftelse stiftelsen",
    "bank banque banco banca",
    "party parti partido partito partei partiet",
    "court cour corte tribunal gericht domstol",
    "republic republique republica repubblica republik republiken",
    "kingdom royaume reino regno konigreich kungariket",
    "state states etat etats estado estados stato stati staat staaten",
    "city ville ciudad citta stadt stad",
    "port harbour harbor hamn hafen puerto porto",
    "airport aeroport aeropuerto aeroporto flughafen flygplats",
    "hospital hopital ospedale krankenhaus sjukhus",
    "museum musee museo",
    "center centre centro zentrum centrum",
    "research recherche investigacion ricerca forschung forskning",
    "science sciences scientific scientifique vetenskap wissenschaft",
    "technology technologie tecnologia teknik",
    "maritime maritim maritimo marittimo",
    "security securite seguridad sicurezza sicherheit sakerhet",
    "administration administracion amministrazione verwaltung",
    "authority autorite autoridad autorita behorde myndighet",
    "parliament parlement parlamento parlament",
    "government gouvernement gobierno governo regierung regering",
    "army armee ejercito esercito",
    "police polizei polis policia polizia",
    "north south east west nord sud est ouest norra sodra ostra vastra",
  ]
    .join(" ")
    .split(/\s+/),
);

/** Whether `c` (one character) belongs to a script written without spaces. */
export function isNoSpaceChar(c: string | undefined): boolean {
  return c !== undefined && NO_SPACE_SCRIPT.test(c);
}

/** Lowercase with apostrophes unified, one UTF-16 unit for one, so indices stay valid. */
export function lowerSameLength(text: string): string {
  let out = "";
  for (const c of text) {
    const lower = c.toLowerCase();
    out += lower.length === c.length ? lower.replace(APOSTROPHES, "'") : c;
  }
  return out;
}
