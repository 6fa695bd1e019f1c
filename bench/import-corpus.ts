/**
 * A generated corpus for the import benchmark: stories with versions in
 * several languages (Latin, Chinese and Arabic scripts), articles of a few
 * kilobytes in paragraphs, and entity and claim spans linked across
 * languages — deterministic, so every run imports the same bytes.
 */
import { seededRandom as random } from "./random";

const LANGUAGES = ["en", "sv", "fr", "de", "zh-Hans", "ar"] as const;
type Language = (typeof LANGUAGES)[number];

const SYLLABLES: Record<Language, string[]> = {
  en: ["the", "port", "ship", "power", "green", "city", "talk", "news", "report", "market", "water", "plan", "said"],
  sv: ["hamn", "färja", "ström", "stad", "samtal", "nyhet", "vatten", "plan", "sade", "större", "och", "för"],
  fr: ["le", "port", "navire", "énergie", "ville", "accord", "réunion", "été", "marché", "où", "selon", "très"],
  de: ["der", "Hafen", "Fähre", "Strom", "Stadt", "Gespräch", "Wasser", "Plan", "sagte", "größer", "und", "für"],
  "zh-Hans": ["港口", "渡轮", "电力", "城市", "会谈", "新闻", "市场", "计划", "表示", "日内瓦", "合作", "安全"],
  ar: ["الميناء", "عبّارة", "الكهرباء", "المدينة", "محادثات", "أخبار", "السوق", "خطة", "قال", "الأمن", "التعاون"],
};

const NAMES: Record<Language, (k: number) => string> = {
  en: (k) => `Entity ${k} Holdings`,
  sv: (k) => `Entitet ${k} AB`,
  fr: (k) => `Entité ${k} SA`,
  de: (k) => `Entität ${k} GmbH`,
  "zh-Hans": (k) => `实体${k}集团`,
  ar: (k) => `مجموعة ${k}`,
};

const ENTITY_KEYS = 2_000;
const LABELS = ["ORG", "PERSON", "GPE", "LOC", "EVENT"];

export interface GeneratedCorpus {
  lines: string[];
  articles: number;
  spans: number;
  bytes: number;
}

export function generateCorpus(articles: number, seed = 42): GeneratedCorpus {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const lines: string[] = [];
  let spans = 0;
  let bytes = 0;
  const versions = LANGUAGES.length - 1;
  for (let n = 0; n < articles; n++) {
    const story = Math.floor(n / versions);
    const language = LANGUAGES[(n % versions) + (story % 2)]!;
    const words = SYLLABLES[language];
    const cjk = language === "zh-Hans";
    const sep = cjk ? "" : " ";
    let text = "";
    let cp = 0;
    const add = (s: string) => {
      text += s;
      cp += [...s].length;
    };
    const articleSpans: object[] = [];
    const paragraphs = 6 + Math.floor(rand() * 10);
    for (let p = 0; p < paragraphs; p++) {
      if (p > 0) add("\n\n");
      const sentences = 2 + Math.floor(rand() * 3);
      for (let s = 0; s < sentences; s++) {
        if (s > 0) add(cjk ? "" : " ");
        const length = 8 + Math.floor(rand() * 14);
        for (let w = 0; w < length; w++) {
          if (w > 0) add(sep);
          if (rand() < 0.05) {
            const key = Math.floor(rand() * ENTITY_KEYS);
            const name = NAMES[language](key);
            const start = cp;
            add(name);
            articleSpans.push({
              start,
              end: cp,
              text: name,
              kind: "entity",
              label: LABELS[key % LABELS.length],
              entity: `bench-entity-${key}`,
            });
          } else add(pick(words));
        }
        add(cjk ? "。" : ".");
      }
    }
    // One claim per article: its first sentence, linked across the story's versions.
    const firstStop = [...text].indexOf(cjk ? "。" : ".");
    articleSpans.push({
      start: 0,
      end: firstStop + 1,
      text: [...text].slice(0, firstStop + 1).join(""),
      kind: "claim",
      claim: `bench-claim-${story}`,
    });
    spans += articleSpans.length;
    const line = JSON.stringify({
      external_id: `bench-${n}`,
      story: `bench-story-${story}`,
      language,
      title: `${pick(words)} ${pick(words)} ${n}`,
      outlet: `Outlet ${n % 37}`,
      published: `2024-0${1 + (n % 9)}-1${n % 10}`,
      text,
      spans: articleSpans,
    });
    bytes += Buffer.byteLength(line) + 1;
    lines.push(line);
  }
  return { lines, articles, spans, bytes };
}
