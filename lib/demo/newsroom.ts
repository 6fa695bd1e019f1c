/**
 * The demo newsroom: one fictional news story, written for this project, in
 * five language versions (Swedish, English, French, Simplified Chinese and
 * Arabic), with a few entities and claims already linked across languages.
 * Varnhamn, its port, its people and its institutions are invented.
 */

export interface DemoArticle {
  externalId: string;
  language: string;
  title: string;
  outlet: string;
  author: string;
  url: string;
  published: string;
  paragraphs: string[];
}

export interface DemoEntity {
  key: string;
  name: string;
  label: string;
  wikidataQid?: string;
  /** What each language version calls it; also the quotes annotated below. */
  mentions: Record<string, string>;
}

export interface DemoClaim {
  key: string;
  statement: string;
  claimant?: string;
  claimDate?: string;
  verdict?: string;
  note?: string;
  evidenceUrls?: string[];
  /** The claim's wording in each language version that states it. */
  mentions: Record<string, string>;
}

export const DEMO_STORY = {
  key: "varnhamn-shore-power",
  title: "Varnhamn switches its ferries to shore power",
};

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    externalId: "demo-varnhamn-en",
    language: "en",
    title: "Varnhamn plugs its ferries into the grid",
    outlet: "The Harbour Ledger",
    author: "Maja Lind",
    url: "https://example.org/harbour-ledger/varnhamn-shore-power",
    published: "2026-03-02",
    paragraphs: [
      "VARNHAMN — The port of Varnhamn switched on Europe's largest shore-power terminal for passenger ferries on Monday, letting ships on the overnight route to Kiel turn off their diesel engines while they are docked.",
      'Port director Ingrid Halvorsen said the terminal would cut emissions from ships at berth by 40 percent within two years. "The air on the quay will be noticeably cleaner by next summer," she told reporters.',
      "The terminal cost 310 million kronor, and a third of the money came from the European Union. Kattegat Ferries, which runs the Kiel route, has refitted two of its ships to take power from the quay.",
      "Researchers at the Varnhamn Maritime Institute, who have measured air quality around the harbour for three years, welcomed the project but said its full effect would depend on how many foreign ships install the equipment.",
      'Residents of the harbour district have complained for years about engine noise at night. The neighbourhood association greeted the news with a single line on social media: "Finally, quiet nights 🌙".',
    ],
  },
  {
    externalId: "demo-varnhamn-sv",
    language: "sv",
    title: "Varnhamn kopplar färjorna till elnätet",
    outlet: "Västkustposten",
    author: "Erik Sandberg",
    url: "https://example.org/vastkustposten/varnhamn-landstrom",
    published: "2026-03-02",
    paragraphs: [
      "VARNHAMN — Varnhamns hamn invigde på måndagen Europas största landströmsanläggning för passagerarfärjor. Fartygen på nattlinjen till Kiel kan nu stänga av dieselmotorerna medan de ligger vid kaj.",
      "Hamnchefen Ingrid Halvorsen säger att anläggningen ska minska utsläppen från fartyg vid kaj med 40 procent inom två år. – Luften på kajen kommer att vara märkbart renare redan nästa sommar, sa hon till journalister.",
      "Anläggningen kostade 310 miljoner kronor, och en tredjedel av pengarna kom från EU. Kattegat Ferries, som trafikerar linjen till Kiel, har byggt om två av sina fartyg för att ta ström från kajen.",
      "Forskare vid Varnhamns sjöfartsinstitut, som har mätt luftkvaliteten runt hamnen i tre år, välkomnar projektet men säger att den fulla effekten beror på hur många utländska fartyg som installerar utrustningen.",
      "Boende i hamnkvarteren har i åratal klagat på motorbuller nattetid. Kvartersföreningen hälsade nyheten med en enda rad i sociala medier: ”Äntligen tysta nätter 🌙”.",
    ],
  },
  {
    externalId: "demo-varnhamn-fr",
    language: "fr",
    title: "Varnhamn branche ses ferries sur le réseau électrique",
    outlet: "Le Courrier maritime",
    author: "Claire Dubois",
    url: "https://example.org/courrier-maritime/varnhamn-courant-a-quai",
    published: "2026-03-03",
    paragraphs: [
      "VARNHAMN — Le port de Varnhamn a mis en service lundi le plus grand terminal d'alimentation électrique à quai d'Europe pour les ferries de passagers. Les navires de la ligne de nuit vers Kiel peuvent désormais couper leurs moteurs diesel pendant l'escale.",
      "La directrice du port, Ingrid Halvorsen, affirme que le terminal réduira de 40 % en deux ans les émissions des navires à quai. « L'air sur le quai sera nettement plus pur dès l'été prochain », a-t-elle déclaré à la presse.",
      "Le terminal a coûté 310 millions de couronnes, dont un tiers financé par l'Union européenne. Kattegat Ferries, qui exploite la ligne vers Kiel, a équipé deux de ses navires pour se brancher au quai.",
      "Les chercheurs de l'institut maritime de Varnhamn, qui mesurent la qualité de l'air autour du port depuis trois ans, saluent le projet mais estiment que son effet dépendra du nombre de navires étrangers qui s'équiperont.",
      "Les habitants du quartier portuaire se plaignent depuis des années du bruit des moteurs la nuit. L'association de quartier a salué la nouvelle d'une seule phrase sur les réseaux sociaux : « Enfin des nuits calmes 🌙 ».",
    ],
  },
  {
    externalId: "demo-varnhamn-zh",
    language: "zh-Hans",
    title: "瓦恩港为渡轮接通岸电",
    outlet: "港航观察",
    author: "王丽",
    url: "https://example.org/ganghang/varnhamn-shore-power",
    published: "2026-03-03",
    paragraphs: [
      "瓦恩港周一启用了欧洲最大的客运渡轮岸电设施，往返基尔的夜间航线船舶靠港期间可以关闭柴油发动机。",
      "港口负责人英格丽·哈尔沃森表示，该设施将在两年内使靠泊船舶的排放减少40%。她对记者说：“明年夏天，码头上的空气就会明显变得更清新。”",
      "该设施耗资3.1亿瑞典克朗，其中三分之一由欧盟出资。运营基尔航线的卡特加特渡轮公司已改装了两艘船舶，以便在码头接入电力。",
      "瓦恩港海事研究所的研究人员三年来一直在监测港口周边的空气质量。他们对该项目表示欢迎，但认为最终效果取决于有多少外国船舶安装相关设备。",
      "多年来，港区居民一直抱怨夜间的发动机噪音。街区协会周一在社交媒体上只写了一句话：“终于有安静的夜晚了🌙”。",
    ],
  },
  {
    externalId: "demo-varnhamn-ar",
    language: "ar",
    title: "فارنهامن توصل عبّاراتها بشبكة الكهرباء",
    outlet: "صدى الموانئ",
    author: "ليلى حداد",
    url: "https://example.org/sada/varnhamn-shore-power",
    published: "2026-03-04",
    paragraphs: [
      "افتتح ميناء فارنهامن يوم الاثنين أكبر محطة في أوروبا لتزويد عبّارات الركاب بالكهرباء من الرصيف، ما يتيح للسفن العاملة على الخط الليلي إلى كيل إطفاء محركات الديزل أثناء رسوها.",
      "وقالت مديرة الميناء إنغريد هالفورسن إن المحطة ستخفض انبعاثات السفن الراسية بنسبة 40 في المئة خلال عامين، مضيفة: «سيصبح الهواء على الرصيف أنقى بشكل ملحوظ بحلول الصيف المقبل».",
      "بلغت تكلفة المحطة 310 ملايين كرونة، موّل الاتحاد الأوروبي ثلثها. وقد جهّزت شركة كاتيغات للعبّارات، التي تشغّل خط كيل، اثنتين من سفنها للتزود بالكهرباء من الرصيف.",
      "ورحّب باحثون في معهد فارنهامن البحري، يرصدون جودة الهواء حول الميناء منذ ثلاث سنوات، بالمشروع، لكنهم قالوا إن أثره الكامل يتوقف على عدد السفن الأجنبية التي تركّب هذه المعدات.",
      "يشكو سكان حي الميناء منذ سنوات من ضجيج المحركات ليلاً. وكتبت جمعية الحي على وسائل التواصل الاجتماعي جملة واحدة: «أخيراً ليالٍ هادئة 🌙».",
    ],
  },
];

export const DEMO_ENTITIES: DemoEntity[] = [
  {
    key: "varnhamn",
    name: "Varnhamn",
    label: "GPE",
    mentions: { en: "Varnhamn", sv: "Varnhamns", fr: "Varnhamn", "zh-Hans": "瓦恩港", ar: "فارنهامن" },
  },
  {
    key: "ingrid-halvorsen",
    name: "Ingrid Halvorsen",
    label: "PERSON",
    mentions: {
      en: "Ingrid Halvorsen",
      sv: "Ingrid Halvorsen",
      fr: "Ingrid Halvorsen",
      "zh-Hans": "英格丽·哈尔沃森",
      ar: "إنغريد هالفورسن",
    },
  },
  {
    key: "kiel",
    name: "Kiel",
    label: "GPE",
    wikidataQid: "Q1707",
    mentions: { en: "Kiel", sv: "Kiel", fr: "Kiel", "zh-Hans": "基尔", ar: "كيل" },
  },
  {
    key: "european-union",
    name: "European Union",
    label: "ORG",
    wikidataQid: "Q458",
    mentions: { en: "European Union", sv: "EU", fr: "Union européenne", "zh-Hans": "欧盟", ar: "الاتحاد الأوروبي" },
  },
  {
    key: "kattegat-ferries",
    name: "Kattegat Ferries",
    label: "ORG",
    mentions: {
      en: "Kattegat Ferries",
      sv: "Kattegat Ferries",
      fr: "Kattegat Ferries",
      "zh-Hans": "卡特加特渡轮公司",
      ar: "شركة كاتيغات للعبّارات",
    },
  },
];

export const DEMO_CLAIMS: DemoClaim[] = [
  {
    key: "varnhamn-emissions-cut-40",
    statement: "Shore power will cut emissions from ships at berth in Varnhamn by 40 percent within two years.",
    claimant: "ingrid-halvorsen",
    claimDate: "2026-03-02",
    verdict: "MIXED",
    note: "The 40 percent figure comes from the port's own model; the Maritime Institute says it depends on how many foreign ships are refitted.",
    evidenceUrls: ["https://example.org/varnhamn-port/emissions-model-2026.pdf"],
    mentions: {
      en: "cut emissions from ships at berth by 40 percent within two years",
      sv: "minska utsläppen från fartyg vid kaj med 40 procent inom två år",
      fr: "réduira de 40 % en deux ans les émissions des navires à quai",
      "zh-Hans": "在两年内使靠泊船舶的排放减少40%",
      ar: "ستخفض انبعاثات السفن الراسية بنسبة 40 في المئة خلال عامين",
    },
  },
  {
    key: "varnhamn-terminal-cost",
    statement: "The Varnhamn shore-power terminal cost 310 million kronor, a third of it paid by the European Union.",
    claimDate: "2026-03-02",
    verdict: "TRUE",
    note: "Matches the port's published budget and the EU grant decision.",
    evidenceUrls: ["https://example.org/varnhamn-port/budget-2026"],
    mentions: {
      en: "The terminal cost 310 million kronor, and a third of the money came from the European Union",
      sv: "Anläggningen kostade 310 miljoner kronor, och en tredjedel av pengarna kom från EU",
      fr: "Le terminal a coûté 310 millions de couronnes, dont un tiers financé par l'Union européenne",
    },
  },
];
