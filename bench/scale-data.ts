/**
 * A newsroom at scale for bench/scale.bench.ts: stories of four language
 * versions each (English, Swedish, French, Chinese, Arabic: one of the five
 * left out in turn), paragraphs of sentences, entities and claims, and spans
 * on them, generated mostly inside PostgreSQL.
 *
 * A pool of invented sentences per language is made here (a seeded random
 * vocabulary; Zipf-like word frequencies so some words are everywhere and
 * most are rare; an entity name in each sentence; now and then an astral
 * emoji, so code points differ from UTF-16 units). The database then builds
 * each article as a sequence of pool sentences (`INSERT … SELECT
 * generate_series`), so it knows where every sentence starts, and places
 * spans on the entity names, on other words and on whole sentences (claims)
 * by offset arithmetic: the quote and its 32 code points of context are cut
 * from the sentence and its neighbours, which are exactly the article's
 * text there (checked on a sample afterwards). Every boundary lies between
 * whole characters (no combining marks, no joined emoji), so every offset
 * is a grapheme boundary too.
 *
 * Stories and articles go through the schema's triggers (folded titles, the
 * search rows); spans are written with triggers off (no change-feed rows,
 * foreign keys consistent by construction) and their secondary indexes are
 * built afterwards, which is what keeps a million spans in seconds.
 */
import pg from "pg";
import { createDb } from "../lib/db";
import { seedTaxonomy } from "../lib/demo/seed";
import { seededRandom } from "./random";

export interface ScaleSize {
  stories: number;
  /** Exactly 4 per story. */
  articles: number;
  /** Exactly this many spans (articles × 25 on average). */
  spans: number;
  entities: number;
  claims: number;
  editors: number;
}

export const LANGUAGES = ["en", "sv", "fr", "zh-Hans", "ar"] as const;
type Language = (typeof LANGUAGES)[number];

/** The four language versions of story `n` (0-based). */
export function storyLanguages(n: number): Language[] {
  return LANGUAGES.filter((_, i) => i !== n % LANGUAGES.length);
}

export const storyKey = (n: number) => `scale-${String(n).padStart(6, "0")}`;
export const editorEmail = (i: number) => `scale-editor-${String(i).padStart(3, "0")}@bench.parallax.test`;
export const READER_EMAIL = "scale-reader@bench.parallax.test";

const SENTENCES_PER_LANGUAGE = 6_000;
const VOCABULARY = 6_000;
const MIN_SENTENCE = 45;

const SYLLABLES: Record<"en" | "sv" | "fr", string[]> = {
  en: "ar be con dor el fen gar hal in jor kel lin mor nor or par quin ros sen tal un ver wil yar zen ba cre dal ent fro gle ham ith lo mar ne oth pre ric st ter ul vo wa".split(
    " ",
  ),
  sv: "å bä kö sjö strö fjä hav ling berg dal ny gå sk tra vik holm lå mä ört rö ska fö ja ku ste dö lä sä vå år ek björ an ell in od".split(
    " ",
  ),
  fr: "é è ç ré dé cha lon mai sou pré eau vil que ent ion teu bré çon lé mè ges plu rou fê pon tan ver gé on au ai lu ni ro".split(
    " ",
  ),
};
const ARABIC = [..."ابتثجحخدذرزسشصضطظعغفقكلمنهوي"];
const EMOJI = ["🌍", "🚢", "📰", "🌙", "⚡"];

/** Words whose frequency falls off like Zipf's law: index ~ V^u. */
function zipf(random: () => number, size: number): number {
  return Math.min(size - 1, Math.floor(size ** random()) - 1);
}

function vocabulary(language: Language, random: () => number, han: string[]): string[] {
  const words = new Set<string>();
  while (words.size < VOCABULARY) {
    let w = "";
    if (language === "zh-Hans") {
      const n = 2 + (random() < 0.3 ? 1 : 0);
      for (let i = 0; i < n; i++) w += han[Math.floor(random() * han.length)];
    } else if (language === "ar") {
      const n = 3 + Math.floor(random() * 4);
      for (let i = 0; i < n; i++) w += ARABIC[Math.floor(random() * ARABIC.length)];
    } else {
      const syllables = SYLLABLES[language];
      const n = 1 + Math.floor(random() * 3.5);
      for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
    }
    words.add(w);
  }
  return [...words];
}

const cp = (s: string) => [...s].length;
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface SentencePool {
  language: Language[];
  sid: number[];
  text: string[];
  length: number[];
  entityStart: number[];
  entityLength: number[];
  entity: number[];
  wordStart: number[];
  wordLength: number[];
}

export interface Generated {
  pool: SentencePool;
  entityNames: string[];
  storyTitles: string[];
  /** Per language, titles articles take in turn. */
  articleTitles: Record<Language, string[]>;
  claimStatements: string[];
  /** Queries for the search measurement: [what, query]. */
  queries: [string, string][];
}

/** The sentence pool, names and titles (deterministic: the same every run). */
export function generateText(size: ScaleSize): Generated {
  const random = seededRandom(20261205);
  const han: string[] = [];
  while (han.length < 900) han.push(String.fromCodePoint(0x4e00 + Math.floor(random() * 0x4000)));
  const vocab = Object.fromEntries(LANGUAGES.map((l) => [l, vocabulary(l, random, han)])) as Record<Language, string[]>;
  const names = new Set<string>();
  while (names.size < size.entities) {
    const first = capitalize(vocab.en[Math.floor(random() * VOCABULARY)]!);
    const second = random() < 0.6 ? ` ${capitalize(vocab.sv[Math.floor(random() * VOCABULARY)]!)}` : "";
    names.add(first + second);
  }
  const entityNames = [...names];

  const pool: SentencePool = {
    language: [],
    sid: [],
    text: [],
    length: [],
    entityStart: [],
    entityLength: [],
    entity: [],
    wordStart: [],
    wordLength: [],
  };
  const pick = (l: Language) => vocab[l][zipf(random, VOCABULARY)]!;
  for (const language of LANGUAGES) {
    const gap = language === "zh-Hans" ? "" : " ";
    const stop = language === "zh-Hans" ? "。" : language === "ar" ? "؛" : ".";
    for (let sid = 0; sid < SENTENCES_PER_LANGUAGE; sid++) {
      const words: string[] = [];
      while (words.length < 6 || cp(words.join(gap)) < MIN_SENTENCE) words.push(pick(language));
      if (random() < 0.04) words.splice(1 + Math.floor(random() * (words.length - 1)), 0, EMOJI[sid % EMOJI.length]!);
      if (language !== "zh-Hans" && language !== "ar") words[0] = capitalize(words[0]!);
      const entity = zipf(random, entityNames.length);
      const at = 1 + Math.floor(random() * (words.length - 1));
      words.splice(at, 0, entityNames[entity]!);
      // Another word, not the entity name nor an emoji, for a second kind of span.
      let other = at === 1 ? 2 : 0;
      if (EMOJI.includes(words[other]!)) other = other === 0 ? (at === 1 ? 3 : 1) : other + 1;
      if (other === at) other++;
      const startOf = (i: number) => cp(words.slice(0, i).join(gap)) + (i > 0 ? cp(gap) : 0);
      pool.language.push(language);
      pool.sid.push(sid);
      pool.text.push(words.join(gap) + stop);
      pool.length.push(cp(words.join(gap) + stop));
      pool.entityStart.push(startOf(at));
      pool.entityLength.push(cp(entityNames[entity]!));
      pool.entity.push(entity);
      pool.wordStart.push(startOf(other));
      pool.wordLength.push(cp(words[other]!));
    }
  }
  const title = (l: Language, n: number) => {
    const gap = l === "zh-Hans" ? "" : " ";
    const words = Array.from({ length: n }, () => pick(l));
    if (l !== "zh-Hans" && l !== "ar") words[0] = capitalize(words[0]!);
    return words.join(gap);
  };
  const storyTitles = Array.from(
    { length: size.stories },
    (_, i) => `${title("en", 3 + (i % 4))} ${entityNames[zipf(random, entityNames.length)]}`,
  );
  const articleTitles = Object.fromEntries(
    LANGUAGES.map((l) => [l, Array.from({ length: 4_000 }, (_, i) => title(l, 4 + (i % 5)))]),
  ) as Record<Language, string[]>;
  const claimStatements = Array.from({ length: size.claims }, () => title("en", 10));

  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const accented = vocab.sv.slice(20, 400).find((w) => /[åäö]/.test(w) && cp(w) >= 5)!;
  const queries: [string, string][] = [
    ["common word", vocab.en[2]!],
    ["mid-frequency word", vocab.fr[60]!],
    ["rare word", vocab.en[3_000]!],
    ["accent-folded word", fold(accented)],
    ["two words, any order", `${vocab.sv[40]} ${vocab.en[30]}`],
    ["entity name", entityNames[5]!],
    ["story title phrase", storyTitles[Math.floor(size.stories / 3)]!.split(" ").slice(0, 3).join(" ")],
    ["Chinese substring", vocab["zh-Hans"][100]!],
    ["Arabic word", vocab.ar[50]!],
    ["no match", "zzqxv"],
  ];
  return { pool, entityNames, storyTitles, articleTitles, claimStatements, queries };
}

/** Index definitions rebuilt after the bulk insert, in one pass each instead of row by row. */
const REBUILT_INDEXES = [
  ["ArticleSearch", "ArticleSearch_titles_trgm_idx"],
  ["ArticleSearch", "ArticleSearch_text_trgm_idx"],
];

/**
 * Fills the (migrated, empty) database at `url`. `passwordHash` is every
 * editor's. Returns the generated text facts the measurements use.
 */
export async function seedScaleDatabase(
  url: string,
  size: ScaleSize,
  passwordHash: string,
  log: (message: string) => void,
): Promise<Generated> {
  if (size.articles !== size.stories * 4) throw new Error("articles must be 4 per story");
  const generated = generateText(size);
  const db = createDb(url);
  try {
    await seedTaxonomy(db);
  } finally {
    await db.$disconnect();
  }
  // Two connections, so the two halves of the big steps use both cores.
  const client = new pg.Client({ connectionString: url });
  const side = new pg.Client({ connectionString: url });
  await client.connect();
  await side.connect();
  const on =
    (c: pg.Client) =>
    async (label: string, sql: string, params: unknown[] = []) => {
      const t0 = performance.now();
      const result = await c.query(sql, params).catch((error: Error) => {
        throw new Error(`seeding (${label}): ${error.message}`);
      });
      const ms = performance.now() - t0;
      if (ms > 1_000) log(`  ${label}: ${(ms / 1000).toFixed(1)} s`);
      return result;
    };
  const q = on(client);
  const q2 = on(side);
  // Generated rows by the number their key ends in → their id, a keyed table the joins below read.
  const idsByNumber = async (
    what: string,
    t: { into: string; as: string; from: string; column: string; prefix: string },
  ) => {
    await q(
      `${what} ids`,
      `CREATE UNLOGGED TABLE ${t.into} AS
       SELECT substr("${t.column}", ${t.prefix.length + 1})::int AS ${t.as}, id FROM "${t.from}" WHERE "${t.column}" LIKE '${t.prefix}%'`,
    );
    await q(`${what} ids key`, `ALTER TABLE ${t.into} ADD PRIMARY KEY (${t.as})`);
  };
  // The generator's working tables live in their own schema, dropped at the end.
  const settings = `SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'; SET synchronous_commit = off;
                    SET search_path = scale_seed, public`;
  try {
    await q("schema", `CREATE SCHEMA scale_seed`);
    await q("settings", settings);
    await q2("settings", settings);
    const indexes = await q(
      "indexes",
      `SELECT c.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS def,
              EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid AND k.conrelid = c.oid) AS constraint
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
       WHERE c.relname = 'Span' OR (c.relname, i.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [REBUILT_INDEXES.map((r) => r[0]), REBUILT_INDEXES.map((r) => r[1])],
    );
    // Constraint indexes (Span's primary key, which SpanRevision refers to) stay.
    const rebuilt = (indexes.rows as { table: string; name: string; def: string; constraint: boolean }[]).filter(
      (ix) => !ix.constraint,
    );
    for (const ix of rebuilt) {
      await q("drop index", `DROP INDEX "${ix.name}"`);
    }

    const p = generated.pool;
    await q(
      "pool",
      `CREATE UNLOGGED TABLE pool AS
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[])
         AS t(lang, sid, text, len, ent_start, ent_len, ent, w_start, w_len)`,
      [p.language, p.sid, p.text, p.length, p.entityStart, p.entityLength, p.entity, p.wordStart, p.wordLength],
    );
    await q("pool key", `ALTER TABLE pool ADD PRIMARY KEY (lang, sid)`);
    await q(
      "users",
      `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt")
       SELECT gen_random_uuid(), e, 'Scale editor ' || i, 'EDITOR', $2, now()
       FROM unnest($1::text[]) WITH ORDINALITY AS u(e, i)`,
      [[...Array.from({ length: size.editors }, (_, i) => editorEmail(i)), READER_EMAIL], passwordHash],
    );
    await q(
      "user list",
      `CREATE UNLOGGED TABLE editors AS
       SELECT array_agg(id ORDER BY email) AS ids FROM "User" WHERE email LIKE 'scale-editor-%'`,
    );
    // Stories: updated over the last two years, so "latest first" has an order.
    await q(
      "stories",
      `INSERT INTO "Story" (id, key, title, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), 'scale-' || lpad((n - 1)::text, 6, '0'), t,
              TIMESTAMP '2025-01-01' + (n * INTERVAL '97 minutes'), TIMESTAMP '2025-01-01' + (n * INTERVAL '97 minutes') + INTERVAL '3 days'
       FROM unnest($1::text[]) WITH ORDINALITY AS s(t, n)`,
      [generated.storyTitles],
    );
    // Articles: g = story × 4 + version; span count per article 0…50, paired so the total is exact.
    await q(
      "article plan",
      `CREATE UNLOGGED TABLE art AS
       SELECT g, g / 4 AS story, langs[1 + g % 4] AS lang, spans,
              greatest(14 + (g * 37) % 27, (spans + 1) / 2 + 1) AS nsent
       FROM (
         SELECT g, (SELECT array_agg(l ORDER BY o) FROM unnest($2::text[]) WITH ORDINALITY AS x(l, o) WHERE o - 1 <> (g / 4) % 5) AS langs,
                $3::int + CASE WHEN g % 2 = 0 THEN 1 ELSE -1 END * ((((g / 2) * 7919) % ($3::int * 2 + 1)) - $3::int) AS spans
         FROM generate_series(0, $1::int - 1) g
       ) x`,
      [size.articles, [...LANGUAGES], Math.round(size.spans / size.articles)],
    );
    await q("article plan key", `ALTER TABLE art ADD PRIMARY KEY (g)`);
    // Which sentence goes where; its offset in the article and what separates it from the next.
    await q(
      "composition",
      `CREATE UNLOGGED TABLE comp AS
       SELECT g, k, sid, sep, len, coalesce(sum(len + char_length(sep)) OVER w, 0)::int AS off
       FROM (
         SELECT a.g, k, c.sid, p.len,
                CASE WHEN k = a.nsent - 1 THEN '' WHEN (k + 1) % 4 = 0 THEN E'\\n\\n' WHEN a.lang = 'zh-Hans' THEN '' ELSE ' ' END AS sep
         FROM art a CROSS JOIN LATERAL generate_series(0, a.nsent - 1) k
         CROSS JOIN LATERAL (SELECT ((a.g::bigint * 2654435761 + k * 40503 + (a.g::bigint * k) * 97) % $1::int)::int AS sid) c
         JOIN pool p ON p.lang = a.lang AND p.sid = c.sid
       ) x
       WINDOW w AS (PARTITION BY g ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`,
      [SENTENCES_PER_LANGUAGE],
    );
    await q("composition key", `ALTER TABLE comp ADD PRIMARY KEY (g, k)`);
    const articles = (half: number) =>
      (half ? q2 : q)(
        "articles",
        `INSERT INTO "Article" (id, "storyId", "externalId", language, title, outlet, author, url, "publishedAt",
                              text, length, "contentHash", status, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), s.id, 'scale-' || a.g, a.lang,
              ($1::jsonb -> a.lang ->> ((a.g * 31) % 4000)),
              'Outlet ' || a.lang || ' ' || (a.g % 7), 'Author ' || (a.g % 211), 'https://news.example.org/' || a.g,
              DATE '2025-01-01' + (a.g / 4) % 700,
              t.text, t.length, encode(sha256(convert_to(t.text, 'UTF8')), 'hex'),
              (CASE WHEN a.spans = 0 THEN 'NEW' WHEN a.g % 10 = 3 THEN 'REVIEWED' ELSE 'IN_PROGRESS' END)::"ArticleStatus",
              s."createdAt", s."updatedAt"
       FROM art a
       JOIN "Story" s ON s.key = 'scale-' || lpad(a.story::text, 6, '0')
       JOIN (SELECT c.g, string_agg(p.text || c.sep, '' ORDER BY c.k) AS text, sum(c.len + char_length(c.sep))::int AS length
             FROM comp c JOIN art a2 ON a2.g = c.g JOIN pool p ON p.lang = a2.lang AND p.sid = c.sid
             WHERE c.g % 2 = $2 GROUP BY c.g) t ON t.g = a.g
       WHERE a.g % 2 = $2
       ORDER BY a.g`,
        [JSON.stringify(generated.articleTitles), half],
      );
    await Promise.all([articles(0), articles(1)]);
    await idsByNumber("article", { into: "aid", as: "g", from: "Article", column: "externalId", prefix: "scale-" });
    await q(
      "revisions",
      `INSERT INTO "ArticleRevision" (id, "articleId", revision, text, "contentHash", "createdAt", note)
       SELECT gen_random_uuid(), id, 1, text, "contentHash", "createdAt", 'Generated' FROM "Article"`,
    );
    await q(
      "entities",
      `INSERT INTO "Entity" (id, key, name, "labelId", "wikidataQid", "updatedAt")
       SELECT gen_random_uuid(), 'scale-entity-' || (n - 1), name,
              (SELECT id FROM "Label" WHERE key = (ARRAY['PERSON','ORG','GPE','LOC','EVENT'])[1 + n % 5]),
              CASE WHEN n % 3 = 0 THEN 'Q' || (100000 + n) END, now()
       FROM unnest($1::text[]) WITH ORDINALITY AS e(name, n)`,
      [generated.entityNames],
    );
    await idsByNumber("entity", { into: "eid", as: "n", from: "Entity", column: "key", prefix: "scale-entity-" });
    await q(
      "aliases",
      `INSERT INTO "EntityAlias" (id, "entityId", language, alias)
       SELECT gen_random_uuid(), e.id, 'sv', e.name || 's' FROM "Entity" e JOIN eid ON eid.id = e.id WHERE eid.n % 3 = 0`,
    );
    await q(
      "claims",
      `INSERT INTO "Claim" (id, key, "storyId", statement, "verdictId", "evidenceUrls", "updatedAt")
       SELECT gen_random_uuid(), 'scale-claim-' || (n - 1),
              (SELECT id FROM "Story" WHERE key = 'scale-' || lpad(((n * 7) % $2::int)::text, 6, '0')),
              statement, (SELECT id FROM "VerdictRating" ORDER BY value LIMIT 1 OFFSET n % 5), ARRAY[]::text[], now()
       FROM unnest($1::text[]) WITH ORDINALITY AS c(statement, n)`,
      [generated.claimStatements, size.stories],
    );
    await idsByNumber("claim", { into: "cid", as: "n", from: "Claim", column: "key", prefix: "scale-claim-" });
    // One article in fifty is under an independent assignment; a third of its spans are its annotator's own.
    await q(
      "assignments",
      `INSERT INTO "Assignment" (id, "articleId", "userId", mode, status, "updatedAt")
       SELECT gen_random_uuid(), aid.id, editors.ids[1 + a.g % array_length(editors.ids, 1)], 'INDEPENDENT', 'IN_PROGRESS', now()
       FROM art a JOIN aid USING (g) CROSS JOIN editors WHERE a.g % 50 = 7`,
    );

    // Meanwhile, on the other connection: the search indexes.
    const searchIndexes = (async () => {
      for (const ix of rebuilt.filter((x) => x.table !== "Span")) await q2(`index ${ix.name}`, ix.def);
    })();
    searchIndexes.catch(() => {}); // awaited below; a failure there must not go unhandled meanwhile
    // Spans without triggers: no change-feed rows, no per-row foreign-key checks.
    // (A role that may not skip them just waits longer.)
    await client.query("SET session_replication_role = replica").catch(() => {});
    await q(
      "spans",
      `INSERT INTO "Span" (id, "articleId", revision, start, "end", quote, prefix, suffix, kind, "labelId", "entityId",
                           "claimId", "reviewStatus", source, layer, "layerOwnerId", "createdById", "updatedById",
                           "createdAt", "updatedAt")
       SELECT gen_random_uuid(), aid.id, 1, c.off + x.s, c.off + x.s + x.l,
              substr(p.text, x.s + 1, x.l),
              right(coalesce(pp.text || cp.sep, '') || left(p.text, x.s), 32),
              left(substr(p.text, x.s + x.l + 1) || c.sep || coalesce(pn.text, ''), 32),
              (CASE x0.kind WHEN 'CLAIM' THEN 'CLAIM' ELSE 'ENTITY' END)::"SpanKind",
              CASE x0.kind WHEN 'CLAIM' THEN lab.claim WHEN 'MENTION' THEN ent."labelId" ELSE lab.misc END,
              ent.id, cid.id,
              (ARRAY['PENDING','APPROVED','REJECTED']::"SpanReviewStatus"[])[1 + (a.g + j) % 3],
              (CASE WHEN j % 4 = 0 THEN 'MANUAL' ELSE 'IMPORT' END)::"SpanSource",
              (CASE WHEN asg."userId" IS NOT NULL AND j % 3 = 0 THEN 'ANNOTATOR' ELSE 'SHARED' END)::"SpanLayer",
              CASE WHEN j % 3 = 0 THEN asg."userId" END,
              editors.ids[1 + (a.g + j) % array_length(editors.ids, 1)], editors.ids[1 + (a.g + j + 1) % array_length(editors.ids, 1)],
              TIMESTAMP '2025-01-01' + (a.g / 4) * INTERVAL '97 minutes' + j * INTERVAL '1 hour',
              TIMESTAMP '2025-01-01' + (a.g / 4) * INTERVAL '97 minutes' + j * INTERVAL '1 hour' + INTERVAL '1 day'
       FROM art a
       JOIN aid USING (g)
       CROSS JOIN editors
       CROSS JOIN (SELECT (SELECT id FROM "Label" WHERE key = 'CLAIM') AS claim, (SELECT id FROM "Label" WHERE key = 'MISC') AS misc) lab
       CROSS JOIN LATERAL generate_series(0, a.spans - 1) j
       JOIN comp c ON c.g = a.g AND c.k = CASE WHEN j < a.nsent THEN j ELSE j - a.nsent END
       JOIN pool p ON p.lang = a.lang AND p.sid = c.sid
       LEFT JOIN comp cp ON cp.g = a.g AND cp.k = c.k - 1
       LEFT JOIN pool pp ON pp.lang = a.lang AND pp.sid = cp.sid
       LEFT JOIN comp cn ON cn.g = a.g AND cn.k = c.k + 1
       LEFT JOIN pool pn ON pn.lang = a.lang AND pn.sid = cn.sid
       CROSS JOIN LATERAL (
         SELECT CASE WHEN j >= a.nsent THEN 'WORD' WHEN j % 10 = 9 THEN 'CLAIM' ELSE 'MENTION' END AS kind
       ) x0
       CROSS JOIN LATERAL (
         SELECT CASE x0.kind WHEN 'CLAIM' THEN 0 WHEN 'MENTION' THEN p.ent_start ELSE p.w_start END AS s,
                CASE x0.kind WHEN 'CLAIM' THEN p.len - 1 WHEN 'MENTION' THEN p.ent_len ELSE p.w_len END AS l
       ) x
       LEFT JOIN eid ON x0.kind = 'MENTION' AND eid.n = p.ent
       LEFT JOIN "Entity" ent ON ent.id = eid.id
       LEFT JOIN cid ON x0.kind = 'CLAIM' AND cid.n = (a.g * 13 + j) % $1::int
       LEFT JOIN "Assignment" asg ON asg."articleId" = aid.id AND asg.mode = 'INDEPENDENT'
       ORDER BY a.g, j`,
      [size.claims],
    );
    await client.query("RESET session_replication_role").catch(() => {});
    for (const ix of rebuilt.filter((x) => x.table === "Span")) await q(`index ${ix.name}`, ix.def);
    await searchIndexes;
    await q("drop schema", `DROP SCHEMA scale_seed CASCADE`);
    await q("vacuum", `VACUUM ANALYZE`);
    return generated;
  } finally {
    await client.end();
    await side.end();
  }
}

/**
 * Checks `percent` % of the spans, at random, against their article's text with the
 * schema's rules (quote at the code-point offsets, context around it) and
 * counts what was made. Throws on any mismatch.
 */
export async function verifyScaleDatabase(
  url: string,
  percent: number,
): Promise<{ stories: number; articles: number; spans: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const bad = await client.query(
      `SELECT s.id, s.start, s."end", s.quote, substr(a.text, s.start + 1, s."end" - s.start) AS actual,
              s.prefix = right(substr(a.text, 1, s.start), 32) AS prefix_ok,
              s.suffix = substr(a.text, s."end" + 1, 32) AS suffix_ok, a.length
       FROM (SELECT * FROM "Span" TABLESAMPLE BERNOULLI ($1)) s
       JOIN "Article" a ON a.id = s."articleId"
       WHERE s.quote <> substr(a.text, s.start + 1, s."end" - s.start)
          OR s.prefix <> right(substr(a.text, 1, s.start), 32)
          OR s.suffix <> substr(a.text, s."end" + 1, 32)
          OR s."end" > a.length OR s.start < 0 OR s."end" <= s.start
       LIMIT 5`,
      [percent],
    );
    if (bad.rows.length) throw new Error(`generated spans do not match their text: ${JSON.stringify(bad.rows)}`);
    const lengths = await client.query(`SELECT count(*)::int AS n FROM "Article" WHERE length <> char_length(text)`);
    if ((lengths.rows[0] as { n: number }).n) throw new Error("generated article lengths are wrong");
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM "Story")::int AS stories, (SELECT count(*) FROM "Article")::int AS articles,
              (SELECT count(*) FROM "Span")::int AS spans`,
    );
    return rows[0] as { stories: number; articles: number; spans: number };
  } finally {
    await client.end();
  }
}
