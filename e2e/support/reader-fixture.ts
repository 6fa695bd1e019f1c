/**
 * A story of the project's own for the reader specs (original text, written
 * for these tests): five versions — English, Swedish, French, Simplified
 * Chinese and Arabic — with emoji, CJK and right-to-left text. Each test
 * imports its own copy under a unique prefix through the real importer, so
 * tests can annotate without seeing each other's spans. `long: true` pads
 * every version with numbered paragraphs before the last one, so places deep
 * in the text need scrolling.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { applySpanMutations } from "../../lib/annotation/spans";
import type { Db } from "../../lib/db";
import { importJsonl } from "../../lib/import";
import { expect } from "./fixtures";

export const FERRY = {
  en: {
    title: "Orrinby opens a cable ferry to the Swiss shore",
    published: "2026-05-08",
    paragraphs: [
      "ORRINBY — The town of Orrinby opened a cable ferry across Lake Tessel on Friday, linking the north shore with the border villages of Switzerland for the first time since 1962.",
      "Ferry captain Amira Solberg said the crossing takes eleven minutes and runs every half hour. “It is the quietest boat I have ever sailed,” she said 🚢.",
      "The collaboration between the two municipalities cost 48 million kronor, and Switzerland paid a quarter of it.",
      "On the pier, the café reported its busiest weekend of the year, and Amira Solberg was cheered by the crowd.",
    ],
  },
  sv: {
    title: "Orrinby öppnar linfärja till schweiziska stranden",
    published: "2026-05-08",
    paragraphs: [
      "ORRINBY — Orrinby öppnade i fredags en linfärja över sjön Tessel, som för första gången sedan 1962 förbinder norra stranden med gränsbyarna i Schweiz.",
      "Färjekaptenen Amira Solberg säger att överfarten tar elva minuter och går varje halvtimme. – Det är den tystaste båt jag har seglat, sa hon 🚢.",
      "Samarbetet mellan Schweiz och Storbritannien kostade 48 miljoner kronor, och Schweiz betalade en fjärdedel.",
      "På piren hade kaféet årets bästa helg, och Amira Solberg hyllades av publiken.",
    ],
  },
  fr: {
    title: "Orrinby inaugure un bac à câble vers la rive suisse",
    published: "2026-05-09",
    paragraphs: [
      "ORRINBY — La commune d'Orrinby a inauguré vendredi un bac à câble sur le lac Tessel, reliant la rive nord aux villages frontaliers de la Suisse pour la première fois depuis 1962.",
      "La capitaine Amira Solberg affirme que la traversée dure onze minutes, toutes les demi-heures. « C'est le bateau le plus silencieux que j'aie jamais piloté », a-t-elle dit 🚢.",
      "La collaboration entre les deux communes a coûté 48 millions de couronnes, dont un quart payé par la Suisse.",
      "Sur la jetée, le café a connu son meilleur week-end de l'année, et Amira Solberg a été acclamée par la foule.",
    ],
  },
  "zh-Hans": {
    title: "奥林比开通通往瑞士湖岸的缆索渡轮",
    published: "2026-05-09",
    paragraphs: [
      "奥林比镇周五开通了横跨泰瑟尔湖的缆索渡轮，自1962年以来首次将北岸与瑞士边境村庄连接起来。",
      "渡轮船长阿米拉·索尔贝里说，单程只需十一分钟，每半小时一班。“这是我驾驶过最安静的船。”她说🚢。",
      "两个城市的合作耗资4800万克朗，其中四分之一由瑞士政府支付。",
      "码头上的咖啡馆迎来了今年最繁忙的周末，阿米拉·索尔贝里受到人群的欢呼。",
    ],
  },
  ar: {
    title: "أورينبي تفتتح عبّارة كابلية إلى الضفة السويسرية",
    published: "2026-05-10",
    paragraphs: [
      "افتتحت بلدة أورينبي يوم الجمعة عبّارة كابلية عبر بحيرة تيسل، تربط الشاطئ الشمالي بقرى الحدود السويسرية لأول مرة منذ عام 1962.",
      "وقالت القبطانة أميرة سولبيرغ إن الرحلة تستغرق إحدى عشرة دقيقة وتنطلق كل نصف ساعة، مضيفة: «إنه أهدأ قارب قدته على الإطلاق» 🚢.",
      "كلّف التعاون بين البلديتين 48 مليون كرونة، دفعت سويسرا ربعها.",
      "وعلى الرصيف شهد المقهى أكثر عطلات العام ازدحاماً، وهتف الجمهور لأميرة سولبيرغ.",
    ],
  },
} as const;

export type FerryLanguage = keyof typeof FERRY;

/** The padding paragraph `n` of a long version (original filler, numbered so each is distinct). */
function filler(language: FerryLanguage, n: number): string {
  switch (language) {
    case "en":
      return `Timetable note ${n}: the ferry leaves the north pier on the hour and the half hour, weather permitting.`;
    case "sv":
      return `Tidtabell ${n}: färjan avgår från norra piren varje hel och halv timme, om vädret tillåter.`;
    case "fr":
      return `Horaire ${n} : le bac quitte la jetée nord à l'heure et à la demie, si le temps le permet.`;
    case "zh-Hans":
      return `时刻表说明${n}：天气允许时，渡轮每逢整点和半点从北码头出发。`;
    case "ar":
      return `ملاحظة الجدول ${n}: تغادر العبّارة الرصيف الشمالي كل ساعة ونصف ساعة إذا سمح الطقس.`;
  }
}

export interface FerryStory {
  key: string;
  /** Article text per language, as stored (paragraphs joined by blank lines). */
  texts: Record<FerryLanguage, string>;
  articleIds: Record<FerryLanguage, string>;
}

/** Imports a fresh copy of the ferry story; returns its key, texts and article ids. */
export async function importFerryStory(
  db: Db,
  options: { languages?: readonly FerryLanguage[]; long?: boolean } = {},
): Promise<FerryStory> {
  const prefix = `ferry-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const languages = options.languages ?? (Object.keys(FERRY) as FerryLanguage[]);
  const texts = {} as Record<FerryLanguage, string>;
  const lines = languages.map((language) => {
    const { title, published, paragraphs } = FERRY[language];
    const body = options.long
      ? [
          ...paragraphs.slice(0, -1),
          ...Array.from({ length: 40 }, (_, n) => filler(language, n + 1)),
          paragraphs.at(-1)!,
        ]
      : [...paragraphs];
    texts[language] = body.join("\n\n");
    return JSON.stringify({
      external_id: `${prefix}-${language}`,
      story: prefix,
      story_title: "Orrinby cable ferry",
      language,
      title,
      outlet: `Test outlet (${language})`,
      published,
      url: `https://example.org/${prefix}/${language}`,
      text: texts[language],
    });
  });
  const report = await importJsonl(db, { content: lines.join("\n") + "\n" });
  expect(report.rejected).toEqual([]);
  const articles = await db.article.findMany({
    where: { story: { key: prefix } },
    select: { id: true, language: true },
  });
  const articleIds = Object.fromEntries(articles.map((a) => [a.language, a.id])) as Record<FerryLanguage, string>;
  return { key: prefix, texts, articleIds };
}

/** Code-point offsets of the `occurrence`-th `quote` in `text`. */
export function codePointRange(text: string, quote: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`"${quote}" is not in the text`);
  }
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...quote].length };
}

/** A span made directly through the domain (another editor's work), as `user`. Returns its id. */
export async function addSpan(
  db: Db,
  user: { id: string; name: string },
  story: FerryStory,
  language: FerryLanguage,
  quote: string,
  labelKey: string,
  extra: { entityId?: string; occurrence?: number } = {},
): Promise<string> {
  const label = await db.label.findFirstOrThrow({ where: { key: labelKey } });
  const { start, end } = codePointRange(story.texts[language], quote, extra.occurrence);
  const id = randomUUID();
  const articleId = story.articleIds[language];
  const [result] = await applySpanMutations(db, { ...user, canReview: true }, articleId, [
    {
      type: "create",
      mutationId: randomUUID(),
      span: {
        id,
        articleId,
        start,
        end,
        quote,
        kind: label.kind,
        labelId: label.id,
        ...(extra.entityId ? { entityId: extra.entityId } : {}),
      },
    },
  ]);
  expect(result?.ok, JSON.stringify(result)).toBe(true);
  return id;
}

export const readerPane = (page: Page, k: number): Locator => page.getByTestId(`pane-text-${k}`);

/** Opens the reader and waits until it is hydrated and listening (keys pressed earlier would be lost). */
export async function openReader(page: Page, key: string, languages: readonly string[]): Promise<void> {
  await page.goto(`/stories/${key}?a=${languages.join(",")}`);
  await expect(page.locator("[data-testid=reader][data-ready]")).toBeAttached();
  await expect(page.getByTestId("annotation-panel")).toHaveAttribute("data-ready", "true");
}

/**
 * Drags the mouse over UTF-16 [from, to) of `quote`'s first occurrence in
 * pane `k` (default: all of it) — a part of a word, say. `alt` holds Alt
 * while releasing (per-character selection).
 */
export async function dragOver(
  page: Page,
  k: number,
  quote: string,
  options: { from?: number; to?: number; alt?: boolean } = {},
): Promise<void> {
  const scroller = readerPane(page, k);
  const measure = () =>
    scroller.evaluate(
      (el, { quote, from, to }) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        const starts: number[] = [];
        let text = "";
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          starts.push(text.length);
          nodes.push(n as Text);
          text += (n as Text).data;
        }
        const at = text.indexOf(quote);
        if (at < 0) throw new Error(`"${quote}" is not in the pane`);
        const pos = (u: number, end: boolean) => {
          let i = starts.length - 1;
          while (i > 0 && (starts[i]! > u || (end && starts[i] === u))) i--;
          return { node: nodes[i]!, offset: u - starts[i]! };
        };
        const a = pos(at + (from ?? 0), false);
        const b = pos(at + (to ?? quote.length), true);
        const range = document.createRange();
        range.setStart(a.node, a.offset);
        range.setEnd(b.node, b.offset);
        const box = el.getBoundingClientRect();
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const first = rects[0]!;
        const last = rects[rects.length - 1]!;
        const visible = first.top >= box.top && last.bottom <= box.bottom;
        if (!visible) a.node.parentElement!.scrollIntoView({ block: "center" });
        const rtl = getComputedStyle(el).direction === "rtl";
        return {
          visible,
          x1: rtl ? first.right - 1 : first.left + 1,
          y1: first.top + first.height / 2,
          x2: rtl ? last.left + 1 : last.right - 1,
          y2: last.top + last.height / 2,
        };
      },
      { quote, from: options.from, to: options.to },
    );
  // Scrolled into view first when needed; then measured where it stays.
  await expect.poll(async () => (await measure()).visible).toBe(true);
  const box = await measure();
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 6 });
  if (options.alt) await page.keyboard.down("Alt");
  await page.mouse.up();
  if (options.alt) await page.keyboard.up("Alt");
}
