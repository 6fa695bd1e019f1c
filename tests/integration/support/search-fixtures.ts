/**
 * Invented stories for the story search tests: accented Latin, Chinese,
 * Arabic with and without harakat, text that folds longer ("…", "ß"), and
 * words that occur apart, in different orders and versions. Names are made
 * up so that no other test's data matches them.
 */
export const SEARCH_PREFIX = "srch-";

export interface FixtureArticle {
  language: string;
  title?: string;
  outlet?: string;
  text: string;
}

export const SEARCH_STORIES: { key: string; title: string; articles: FixtureArticle[] }[] = [
  {
    key: `${SEARCH_PREFIX}quellmoor-talks`,
    title: "Quellmoor talks open in Genève",
    articles: [
      {
        language: "fr",
        title: "Les pourparlers de Quellmoor s’ouvrent à Genève",
        outlet: "Le Quotidien Zorbavik",
        text: "Les délégations se sont réunies à Genève lundi… Puis… encore… à Genève. La Straße de Quellmoor était fermée.",
      },
      {
        language: "sv",
        title: "Samtalen om Quellmoor inleds",
        text: "Förhandlarna möttes i Genève på måndagen. Ingen kommentar från Zorbavik.",
      },
      {
        language: "zh-Hans",
        title: "奎尔莫尔会谈开幕",
        text: "奎尔莫尔会谈星期一在日内瓦举行，代表团表示乐观。",
      },
    ],
  },
  {
    key: `${SEARCH_PREFIX}vantablue-cordova`,
    title: "Regulators question two model makers",
    articles: [
      {
        language: "en",
        title: "Regulators question two model makers",
        text: "Cordovex said it would cooperate. Hours later, Vantablue declined to comment on the inquiry.",
      },
      {
        language: "ar",
        title: "المنظمون يستجوبون شركتين",
        text: "قالت Cordovex إنها ستتعاون، بينما رفضت Vantablue التعليق. وصلت العبّارات إلى الميناء.",
      },
    ],
  },
  {
    key: `${SEARCH_PREFIX}vantablue-cordovex-pact`,
    title: "Vantablue Cordovex pact announced",
    articles: [
      {
        language: "en",
        title: "Vantablue Cordovex pact announced",
        text: "The two companies signed an agreement.",
      },
    ],
  },
  {
    key: `${SEARCH_PREFIX}only-vantablue`,
    title: "Vantablue opens an office",
    articles: [{ language: "en", text: "Vantablue opened an office; no other company was named." }],
  },
];

export function searchFixtureJsonl(): string {
  return SEARCH_STORIES.flatMap((story) =>
    story.articles.map((a, i) =>
      JSON.stringify({
        external_id: `${story.key}-${a.language}-${i}`,
        story: story.key,
        story_title: story.title,
        language: a.language,
        title: a.title ?? null,
        outlet: a.outlet ?? null,
        text: a.text,
      }),
    ),
  ).join("\n");
}
