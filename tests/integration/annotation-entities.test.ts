import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import * as entitiesRoute from "@/app/api/entities/route";
import * as entityRoute from "@/app/api/entities/[id]/route";
import * as claimsRoute from "@/app/api/claims/route";
import * as claimRoute from "@/app/api/claims/[id]/route";
import * as mutationsRoute from "@/app/api/articles/[id]/spans/mutations/route";
import * as annotationsRoute from "@/app/api/stories/[id]/annotations/route";
import * as suggestionsRoute from "@/app/api/stories/[id]/suggestions/route";
import * as rejectionsRoute from "@/app/api/stories/[id]/suggestions/rejections/route";
import * as taxonomyRoute from "@/app/api/taxonomy/route";
import type { ClaimDTO, EntityDTO } from "@/lib/annotation/dto";
import type { MutationResult } from "@/lib/annotation/spans";
import type { StoryAnnotations } from "@/lib/annotation/story-annotations";
import type { Suggestion } from "@/lib/annotation/suggestions";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import { DEMO_STORY } from "@/lib/demo/newsroom";
import type { Taxonomy } from "@/lib/taxonomy/taxonomy";
import { DEFAULT_LABELS, DEFAULT_VERDICTS } from "@/lib/taxonomy/defaults";
import { fold } from "@/lib/text/fold";
import { testDb } from "./db";
import { anonymous, call, createStory, signedIn, type Caller } from "./support/api";
import { corpusFile } from "@/tests/support/corpus-dir";

const db = testDb();

let editor: Caller;
let secondEditor: Caller;
let viewer: Caller;
let labels: Map<string, string>;
let demoStoryId: string;

beforeAll(async () => {
  await seedDemoNewsroom(db);
  labels = new Map((await db.label.findMany()).map((l) => [l.key, l.id]));
  demoStoryId = (await db.story.findUniqueOrThrow({ where: { key: DEMO_STORY.key } })).id;
  editor = await signedIn(db, "EDITOR");
  secondEditor = await signedIn(db, "EDITOR");
  viewer = await signedIn(db, "VIEWER");
});

const searchEntities = (search: Record<string, string>, as: Caller = viewer) =>
  call<{ entities: EntityDTO[] }>(entitiesRoute.GET, { as, search });

async function newEntity(body: Record<string, unknown>, as: Caller = editor) {
  return call<{ entity: EntityDTO; error?: { code: string; message: string; details?: { entity: EntityDTO } } }>(
    entitiesRoute.POST,
    { as, body },
  );
}

describe("entities", () => {
  it("are found by an alias in another script, ignoring case and accents, exact matches first", async () => {
    // Other test files add entities to the shared database (imports of the corpus, say): names here are
    // chosen not to collide, and assertions look at these entities only.
    const china = await newEntity({
      name: "China",
      labelId: labels.get("GPE"),
      wikidataQid: "Q148",
      allowDuplicate: true,
      aliases: [
        { language: "sv", alias: "Kina" },
        { language: "fr", alias: "Chine" },
        { language: "zh-hans", alias: "中国" },
      ],
    });
    expect(china.status).toBe(201);
    expect(china.body.entity).toMatchObject({ labelKey: "GPE", wikidataQid: "Q148" });
    expect(china.body.entity.key).toMatch(/^china(-\d+)?$/);
    expect(china.body.entity.aliases).toContainEqual({ language: "zh-Hans", alias: "中国" });
    const academy = await newEntity({
      name: "Chinese Academy of Sciences",
      labelId: labels.get("ORG"),
      allowDuplicate: true,
    });
    const evry = await newEntity({
      name: "Évry-Grégy-sur-Yerres",
      labelId: labels.get("GPE"),
      aliases: [{ language: "en", alias: "Evry Gregy" }],
    });

    for (const q of ["中国", "kina", "CHINE", "china"]) {
      const { body } = await searchEntities({ q });
      expect(body.entities[0]?.name, q).toBe("China");
      expect(
        body.entities.map((e) => e.id),
        q,
      ).toContain(china.body.entity.id);
    }
    const prefix = (await searchEntities({ q: "chin" })).body.entities.map((e) => e.id);
    expect(prefix.indexOf(china.body.entity.id)).toBeLessThan(prefix.indexOf(academy.body.entity.id));
    const accents = await searchEntities({ q: "EVRY-GREGY" });
    expect(accents.body.entities.map((e) => e.id)).toEqual([evry.body.entity.id]);
    const filtered = (await searchEntities({ q: "chin", label: "ORG" })).body.entities;
    expect(filtered.map((e) => e.id)).toContain(academy.body.entity.id);
    expect(filtered.every((e) => e.labelKey === "ORG")).toBe(true);
    const arabic = await searchEntities({ q: "كاتيغات" });
    expect(arabic.body.entities.map((e) => e.key)).toContain("kattegat-ferries");
  });

  it("folds in the database exactly as in TypeScript", async () => {
    const samples = ["Genève", "l’Union", "Tromsø Łódź Straße", "عبّارات", "שָׁלוֹם", "ＡＢＣ", "हिंदी", "中国", "İstanbul"];
    for (const s of samples) {
      const [row] = await db.$queryRaw<{ f: string }[]>`SELECT parallax_fold(${s}) AS f`;
      expect(row!.f, s).toBe(fold(s));
    }
  });

  it("refuses a duplicate unless asked, and a Wikidata ID another entity has", async () => {
    const dup = await newEntity({ name: "évry-grégy-SUR-yerres", labelId: labels.get("GPE") });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: "ENTITY_EXISTS" });
    expect(dup.body.error?.details?.entity.name).toBe("Évry-Grégy-sur-Yerres");
    const deliberate = await newEntity({
      name: "Évry-Grégy-sur-Yerres",
      labelId: labels.get("GPE"),
      allowDuplicate: true,
    });
    expect(deliberate.status).toBe(201);
    expect(deliberate.body.entity.key).toBe("evry-gregy-sur-yerres-2");
    const qid = await newEntity({ name: "PRC", labelId: labels.get("GPE"), wikidataQid: "Q148" });
    expect(qid.body.error).toMatchObject({ code: "DUPLICATE_WIKIDATA_QID" });
    const claimLabel = await newEntity({ name: "X", labelId: labels.get("CLAIM") });
    expect(claimLabel).toMatchObject({ status: 400, body: { error: { code: "LABEL_KIND_MISMATCH" } } });
    const badQid = await newEntity({ name: "X", labelId: labels.get("ORG"), wikidataQid: "42" });
    expect(badQid).toMatchObject({
      status: 400,
      body: { error: { code: "INVALID_INPUT", message: 'wikidataQid: wikidataQid must look like "Q42"' } },
    });
    expect((await newEntity({ name: "X", labelId: labels.get("ORG") }, viewer)).status).toBe(403);
    expect((await newEntity({ name: "X", labelId: labels.get("ORG") }, anonymous)).status).toBe(401);
  });

  it("carry a new type to every span linked to them, with history", async () => {
    const kiel = await db.entity.findUniqueOrThrow({ where: { key: "kiel" } });
    const spans = await db.span.findMany({ where: { entityId: kiel.id }, orderBy: { id: "asc" } });
    expect(spans.length).toBeGreaterThanOrEqual(5);
    const res = await call<{ entity: EntityDTO }>(entityRoute.PATCH, {
      as: editor,
      method: "PATCH",
      params: { id: kiel.id },
      body: { baseVersion: kiel.version, labelId: labels.get("LOC"), addAliases: [{ language: "de", alias: "Kiel" }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.entity).toMatchObject({ labelKey: "LOC" });
    expect(res.body.entity.aliases).toContainEqual({ language: "de", alias: "Kiel" });
    const after = await db.span.findMany({ where: { entityId: kiel.id }, orderBy: { id: "asc" } });
    expect(after.every((s) => s.labelId === labels.get("LOC"))).toBe(true);
    expect(after.map((s) => s.version)).toEqual(spans.map((s) => s.version + 1));
    const history = await db.spanRevision.findMany({
      where: { spanId: { in: after.map((s) => s.id) }, action: "UPDATE", actorId: editor.id },
    });
    expect(history).toHaveLength(spans.length);
    expect(history[0]!.actorId).toBe(editor.id);
  });
});

describe("claims", () => {
  it("are created with a claimant, a verdict from the scale and http(s) evidence, and found by their words", async () => {
    const ingrid = await db.entity.findUniqueOrThrow({ where: { key: "ingrid-halvorsen" } });
    const verdict = await db.verdictRating.findUniqueOrThrow({ where: { key: "MOSTLY_TRUE" } });
    const res = await call<{ claim: ClaimDTO }>(claimsRoute.POST, {
      as: editor,
      body: {
        statement: "  The  quay air will be cleaner by next summer. ",
        storyId: demoStoryId,
        claimantId: ingrid.id,
        claimDate: "2026-03-02",
        verdictId: verdict.id,
        evidenceUrls: ["https://example.org/air-quality", "https://example.org/air-quality"],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.claim).toMatchObject({
      statement: "The quay air will be cleaner by next summer.",
      claimant: { id: ingrid.id, name: "Ingrid Halvorsen" },
      claimDate: "2026-03-02",
      verdict: { key: "MOSTLY_TRUE", value: 4 },
      evidenceUrls: ["https://example.org/air-quality"],
    });
    const found = await call<{ claims: ClaimDTO[] }>(claimsRoute.GET, {
      as: viewer,
      search: { q: "QUAY AIR", storyId: demoStoryId },
    });
    expect(found.body.claims.map((c) => c.id)).toEqual([res.body.claim.id]);

    const patched = await call<{ claim: ClaimDTO }>(claimRoute.PATCH, {
      as: editor,
      method: "PATCH",
      params: { id: res.body.claim.id },
      body: { baseVersion: res.body.claim.version, verdictId: null, note: "Waiting for the measurements." },
    });
    expect(patched.body.claim).toMatchObject({ verdict: null, note: "Waiting for the measurements." });
  });

  it("refuse evidence that is not http(s), unknown claimants and archived verdicts", async () => {
    const ftp = await call(claimsRoute.POST, {
      as: editor,
      body: { statement: "x", evidenceUrls: ["javascript:alert(1)"] },
    });
    expect(ftp).toMatchObject({
      status: 400,
      body: { error: { message: "evidenceUrls.0: evidence URLs must be http(s) URLs" } },
    });
    const claimant = await call(claimsRoute.POST, { as: editor, body: { statement: "x", claimantId: randomUUID() } });
    expect(claimant).toMatchObject({ status: 400, body: { error: { code: "UNKNOWN_ENTITY" } } });
    const archived = await db.verdictRating.create({
      data: { key: `OLD_${Date.now()}`, name: "Old", value: 1, color: "#000000", archived: true },
    });
    const verdict = await call(claimsRoute.POST, { as: editor, body: { statement: "x", verdictId: archived.id } });
    expect(verdict).toMatchObject({ status: 400, body: { error: { code: "VERDICT_ARCHIVED" } } });
  });
});

describe("story sidebar", () => {
  it("lists the story's entities and claims with their spans per language", async () => {
    const res = await call<StoryAnnotations>(annotationsRoute.GET, { as: viewer, params: { id: demoStoryId } });
    expect(res.status).toBe(200);
    const varnhamn = res.body.entities.find((e) => e.key === "varnhamn")!;
    expect(varnhamn.spans.map((s) => s.language).sort()).toEqual(["ar", "en", "fr", "sv", "zh-Hans"]);
    expect(varnhamn.spans.find((s) => s.language === "zh-Hans")?.quote).toBe("瓦恩港");
    const claim = res.body.claims.find((c) => c.key === "varnhamn-emissions-cut-40")!;
    expect(claim.spans).toHaveLength(5);
    expect(claim.verdict?.key).toBe("MIXED");
    // A claim attached to the story but not yet marked in any text still shows.
    expect(res.body.claims.some((c) => c.statement.startsWith("The quay air") && c.spans.length === 0)).toBe(true);
    expect((await call(annotationsRoute.GET, { as: viewer, params: { id: randomUUID() } })).status).toBe(404);
  });

  it("serves the taxonomy in picker order", async () => {
    const res = await call<Taxonomy>(taxonomyRoute.GET, { as: viewer });
    const orders = res.body.labels.map((l) => l.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    // Other test files may add labels; the defaults keep their order among them.
    const defaults = new Set(DEFAULT_LABELS.map((l) => l.key));
    expect(res.body.labels.filter((l) => defaults.has(l.key)).map((l) => l.key)).toEqual(
      DEFAULT_LABELS.map((l) => l.key),
    );
    expect(res.body.labels.every((l) => !l.archived)).toBe(true);
    const verdictOrder = res.body.verdicts.map((v) => v.order);
    expect(verdictOrder).toEqual([...verdictOrder].sort((a, b) => a - b));
    expect(res.body.verdicts.map((v) => v.key)).toEqual(expect.arrayContaining(DEFAULT_VERDICTS.map((v) => v.key)));
    expect(res.body.archivedVerdicts.some((v) => v.name === "Old")).toBe(true);
  });
});

describe("suggestions", () => {
  const suggestions = (storyId: string, entityId: string, as: Caller = editor) =>
    call<{ suggestions: Suggestion[] }>(suggestionsRoute.GET, { as, params: { id: storyId }, search: { entityId } });

  it("offer the demo entity's other mentions, not those its spans already cover", async () => {
    const varnhamn = await db.entity.findUniqueOrThrow({ where: { key: "varnhamn" } });
    const res = await suggestions(demoStoryId, varnhamn.id);
    expect(res.status).toBe(200);
    const byLanguage = (language: string) =>
      res.body.suggestions.filter((s) => s.language === language).map((s) => s.quote);
    // Each version already has one linked mention (the seed); the rest are offered.
    expect(byLanguage("en")).toEqual(["VARNHAMN", "Varnhamn"]);
    expect(byLanguage("sv")).toEqual(["VARNHAMN", "Varnhamns"]);
    expect(byLanguage("zh-Hans")).toEqual(["瓦恩港"]);
    expect(byLanguage("ar")).toEqual(["فارنهامن"]);
    const linked = await db.span.findMany({ where: { entityId: varnhamn.id } });
    for (const s of res.body.suggestions) {
      expect(linked.some((l) => l.articleId === s.articleId && l.start < s.end && s.start < l.end)).toBe(false);
    }
  });

  it("on the fixture corpus: linking Kestrel University in English offers the French cognate; accepting it adds an alias", async () => {
    const corpus = readFileSync(corpusFile("articles.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { story: string; language: string; text: string })
      .filter((a) => a.story === "fixture-tidal-talks-2025");
    const { story, articles } = await createStory(db, corpus);
    const en = articles.find((a) => a.language === "en")!;
    const fr = articles.find((a) => a.language === "fr")!;
    // A fresh entity (another test file may import one with aliases already).
    const kestrel = (await newEntity({ name: "Kestrel University", labelId: labels.get("ORG"), allowDuplicate: true }))
      .body.entity;

    // Link the first English mention, as an editor would.
    const at = [...en.text.slice(0, en.text.indexOf("Kestrel University"))].length;
    const link = await call<{ results: MutationResult[] }>(mutationsRoute.POST, {
      as: editor,
      params: { id: en.id },
      body: {
        mutations: [
          {
            type: "create",
            mutationId: randomUUID(),
            span: {
              id: randomUUID(),
              articleId: en.id,
              start: at,
              end: at + 18,
              quote: "Kestrel University",
              kind: "ENTITY",
              entityId: kestrel.id,
            },
          },
        ],
      },
    });
    expect(link.body.results[0]!.ok).toBe(true);

    const res = await suggestions(story.id, kestrel.id);
    const offered = res.body.suggestions.map((s) => `${s.language}:${s.quote}:${s.reason}`);
    expect(offered).toEqual([
      "en:Kestrel University:name",
      "fr:université de Kestrel:cognate",
      "sv:Kestrel University:name",
    ]);

    // Accept the French one: a create with source SUGGESTION.
    const frSuggestion = res.body.suggestions.find((s) => s.language === "fr")!;
    const accept = await call<{ results: MutationResult[] }>(mutationsRoute.POST, {
      as: editor,
      params: { id: fr.id },
      body: {
        mutations: [
          {
            type: "create",
            mutationId: randomUUID(),
            span: {
              id: randomUUID(),
              articleId: fr.id,
              start: frSuggestion.start,
              end: frSuggestion.end,
              quote: frSuggestion.quote,
              kind: "ENTITY",
              entityId: kestrel.id,
              source: "SUGGESTION",
            },
          },
        ],
      },
    });
    expect(accept.body.results[0]).toMatchObject({
      ok: true,
      span: { source: "SUGGESTION", labelId: labels.get("ORG") },
    });
    const aliases = await db.entityAlias.findMany({ where: { entityId: kestrel.id } });
    expect(aliases.map((a) => `${a.language}:${a.alias}`)).toEqual(["fr:université de Kestrel"]);
    const afterAccept = await suggestions(story.id, kestrel.id);
    expect(afterAccept.body.suggestions.map((s) => s.language)).toEqual(["en", "sv"]);

    // Rejected: gone for this editor, still offered to another; undo brings it back.
    const sv = afterAccept.body.suggestions.find((s) => s.language === "sv")!;
    const body = { entityId: kestrel.id, articleId: sv.articleId, start: sv.start, end: sv.end, quote: sv.quote };
    expect((await call(rejectionsRoute.POST, { as: editor, params: { id: story.id }, body })).status).toBe(200);
    expect((await call(rejectionsRoute.POST, { as: editor, params: { id: story.id }, body })).status).toBe(200);
    expect((await suggestions(story.id, kestrel.id)).body.suggestions.map((s) => s.language)).toEqual(["en"]);
    expect((await suggestions(story.id, kestrel.id, secondEditor)).body.suggestions.map((s) => s.language)).toEqual([
      "en",
      "sv",
    ]);
    expect((await call(rejectionsRoute.POST, { as: viewer, params: { id: story.id }, body })).status).toBe(403);
    await call(rejectionsRoute.DELETE, { as: editor, method: "DELETE", params: { id: story.id }, body });
    expect((await suggestions(story.id, kestrel.id)).body.suggestions.map((s) => s.language)).toEqual(["en", "sv"]);
  });

  it("find Chinese mentions by alias and offer an existing unlinked span for linking", async () => {
    const corpus = readFileSync(corpusFile("articles.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { story: string; language: string; text: string })
      .filter((a) => a.story === "fixture-arctic-lanes-2026");
    const { story, articles } = await createStory(db, corpus);
    const zh = articles.find((a) => a.language === "zh-Hans")!;
    const city = (
      await newEntity({
        name: "Gothenburg",
        labelId: labels.get("GPE"),
        allowDuplicate: true,
        aliases: [{ language: "zh-Hans", alias: "哥德堡" }],
      })
    ).body.entity;
    // An editor has tagged the first 哥德堡 without linking it.
    const at = [...zh.text.slice(0, zh.text.indexOf("哥德堡"))].length;
    const spanId = randomUUID();
    await call(mutationsRoute.POST, {
      as: editor,
      params: { id: zh.id },
      body: {
        mutations: [
          {
            type: "create",
            mutationId: randomUUID(),
            span: {
              id: spanId,
              articleId: zh.id,
              start: at,
              end: at + 3,
              quote: "哥德堡",
              kind: "ENTITY",
              labelId: labels.get("GPE"),
            },
          },
        ],
      },
    });
    const res = await suggestions(story.id, city.id);
    const zhs = res.body.suggestions.filter((s) => s.language === "zh-Hans");
    // Chinese has the alias twice and the Latin name once, with no spaces around any of them.
    expect(zhs.map((s) => s.quote)).toEqual(["哥德堡", "哥德堡", "Gothenburg"]);
    expect(zhs[0]).toMatchObject({ start: at, spanId });
    expect(zhs.slice(1).every((s) => !s.spanId)).toBe(true);
    expect(res.body.suggestions.filter((s) => s.language === "en").map((s) => s.quote)).toEqual(["Gothenburg"]);
    // No Arabic alias yet: the Arabic version offers nothing.
    expect(res.body.suggestions.filter((s) => s.language === "ar")).toEqual([]);
  });
});
