/**
 * Synthetic annotation data for the export benchmark, generated inside
 * PostgreSQL with `INSERT … SELECT generate_series` (a million spans in
 * seconds, no round trips). The text mixes Latin with accents, an astral emoji
 * and Han characters, so code-point offsets differ from UTF-16 indices as they
 * do in real data. Every span's quote is the text at its offsets, by
 * construction (`substr` counts characters, i.e. code points, in UTF-8).
 */
import pg from "pg";
import { createDb } from "../lib/db";
import { seedTaxonomy } from "../lib/demo/seed";

export interface SyntheticSize {
  articles: number;
  spansPerArticle: number;
  /** Articles per story (language versions). */
  languages?: number;
  entities?: number;
  claims?: number;
}

// 34 code points; a span covers a few of them at a fixed place in each copy.
const SENTENCE = "Genève hosts talks 🌙 清华大学 at dawn. ";

export async function generateSyntheticData(url: string, size: SyntheticSize): Promise<{ spans: number }> {
  const db = createDb(url);
  try {
    await seedTaxonomy(db);
  } finally {
    await db.$disconnect();
  }
  const languages = size.languages ?? 5;
  const entities = size.entities ?? 1000;
  const claims = size.claims ?? 200;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
    await q("BEGIN");
    // Skip foreign-key triggers while generating (the rows are consistent by
    // construction) when the role may; a plain role just waits longer.
    await q("SAVEPOINT fk");
    await q("SET LOCAL session_replication_role = replica").then(
      () => q("RELEASE SAVEPOINT fk"),
      () => q("ROLLBACK TO SAVEPOINT fk"),
    );
    await q(
      `INSERT INTO "User" (id, email, name, role, "updatedAt")
       SELECT gen_random_uuid(), 'editor' || g || '@example.org', 'Editor ' || g, 'EDITOR', now()
       FROM generate_series(1, 10) g`,
    );
    const stories = Math.ceil(size.articles / languages);
    await q(
      `INSERT INTO "Story" (id, key, title, "updatedAt")
       SELECT gen_random_uuid(), 'story-' || lpad(g::text, 7, '0'), 'Story ' || g, now()
       FROM generate_series(1, $1::int) g`,
      [stories],
    );
    // Enough copies of the sentence to hold spansPerArticle spans, one per copy.
    await q(
      `INSERT INTO "Article" (id, "storyId", "externalId", language, title, outlet, author, url, "publishedAt",
                              text, length, "contentHash", status, "updatedAt")
       SELECT gen_random_uuid(), s.id, 'synthetic-' || g, (ARRAY['en','sv','fr','zh-Hans','ar'])[1 + (g % $2::int) % 5],
              'Article ' || g, 'Outlet ' || (g % 17), 'Author ' || (g % 53), NULL, DATE '2024-01-01' + (g % 365),
              t.text, char_length(t.text), encode(sha256(convert_to(t.text, 'UTF8')), 'hex'), 'IN_PROGRESS', now()
       FROM generate_series(0, $1::int - 1) g
       JOIN "Story" s ON s.key = 'story-' || lpad((g / $2::int + 1)::text, 7, '0')
       CROSS JOIN LATERAL (SELECT 'Article ' || g || E'.\\n\\n' || repeat($3::text, $4::int) AS text) t`,
      [size.articles, languages, SENTENCE, size.spansPerArticle + 1],
    );
    await q(
      `INSERT INTO "Entity" (id, key, name, "labelId", "wikidataQid", "updatedAt")
       SELECT gen_random_uuid(), 'entity-' || g, 'Entity ' || g,
              (SELECT id FROM "Label" WHERE key = (ARRAY['PERSON','ORG','GPE','LOC'])[1 + g % 4]),
              CASE WHEN g % 3 = 0 THEN 'Q' || (1000 + g) END, now()
       FROM generate_series(1, $1::int) g`,
      [entities],
    );
    await q(
      `INSERT INTO "EntityAlias" (id, "entityId", language, alias)
       SELECT gen_random_uuid(), e.id, l, e.name || ' (' || l || ')'
       FROM "Entity" e CROSS JOIN unnest(ARRAY['en','sv']) l`,
    );
    await q(
      `INSERT INTO "Claim" (id, key, statement, "verdictId", "evidenceUrls", "updatedAt")
       SELECT gen_random_uuid(), 'claim-' || g, 'Statement number ' || g,
              (SELECT id FROM "VerdictRating" ORDER BY value LIMIT 1 OFFSET g % 5), ARRAY[]::text[], now()
       FROM generate_series(1, $1::int) g`,
      [claims],
    );
    // Span i of an article quotes "Genève hosts talks" (every tenth: a claim
    // over the whole sentence) in copy i of the sentence; each article mentions
    // about twenty entities, several times each. Quotes and contexts are cut
    // from the sentence rather than from each article's (TOASTed) text: every
    // copy is the same, and the header before copy 0 is the prefix there.
    const sentenceLength = [...SENTENCE].length;
    await q(
      `WITH a AS (SELECT id, row_number() OVER (ORDER BY id) AS n,
                         'Article ' || substr("externalId", 11) || E'.\\n\\n' AS header
                  FROM "Article"),
            e AS (SELECT id, row_number() OVER (ORDER BY key) - 1 AS n FROM "Entity"),
            c AS (SELECT id, row_number() OVER (ORDER BY key) - 1 AS n FROM "Claim"),
            u AS (SELECT array_agg(id ORDER BY email) AS ids FROM "User"),
            l AS (SELECT (SELECT id FROM "Label" WHERE key = 'ORG') AS org, (SELECT id FROM "Label" WHERE key = 'CLAIM') AS claim),
            twice AS (SELECT $2::text || $2::text AS s)
       INSERT INTO "Span" (id, "articleId", revision, start, "end", quote, prefix, suffix, kind, "labelId", "entityId",
                           "claimId", "reviewStatus", source, "createdById", "updatedById", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), a.id, 1, p.start, p.start + p.len,
              substr(twice.s, 1, p.len),
              CASE WHEN i = 0 THEN right(a.header, 32) ELSE right($2::text, 32) END,
              substr(twice.s, p.len + 1, 32),
              CASE WHEN p.is_claim THEN 'CLAIM'::"SpanKind" ELSE 'ENTITY'::"SpanKind" END,
              CASE WHEN p.is_claim THEN l.claim ELSE l.org END,
              e.id, c.id,
              (ARRAY['PENDING','APPROVED','REJECTED']::"SpanReviewStatus"[])[1 + i % 3], 'IMPORT',
              u.ids[1 + i % 10], u.ids[1 + (i + 1) % 10],
              TIMESTAMP '2026-01-01' + i * INTERVAL '1 minute', TIMESTAMP '2026-02-01' + i * INTERVAL '1 minute'
       FROM a CROSS JOIN u CROSS JOIN l CROSS JOIN twice CROSS JOIN generate_series(0, $1::int - 1) i
       CROSS JOIN LATERAL (
         SELECT char_length(a.header) + i * $3::int AS start,
                CASE WHEN i % 10 = 9 THEN $3::int - 1 ELSE 18 END AS len,
                i % 10 = 9 AS is_claim
       ) p
       LEFT JOIN e ON NOT p.is_claim AND e.n = (a.n * 7 + i % 20) % $4::int
       LEFT JOIN c ON p.is_claim AND c.n = (a.n + i) % $5::int
       ORDER BY a.n, i`,
      [size.spansPerArticle, SENTENCE, sentenceLength, entities, claims],
    );
    await q("COMMIT");
    await q("ANALYZE");
    const { rows } = await q(`SELECT count(*)::int AS n FROM "Span"`);
    return { spans: (rows[0] as { n: number }).n };
  } finally {
    await client.end();
  }
}
