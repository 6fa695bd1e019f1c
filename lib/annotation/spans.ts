/**
 * Span reads and writes. Every write is a SpanMutation (create, update,
 * delete, restore) applied atomically on its own (one statement, see
 * span-writes.ts), and every applied mutation leaves one SpanRevision row
 * (the span's history) keyed by the client's mutationId:
 *
 * - Idempotent: a mutationId already applied returns the span as it is now
 *   with `replayed: true`. Two copies of one mutation racing each other are
 *   settled by the unique index on SpanRevision.mutationId (or on Span.id for
 *   a create): the loser's statement fails whole and it reports the replay.
 * - No lost updates: update, delete and restore name the `baseVersion` they
 *   were made against; if the span has moved on, nothing changes and the
 *   result is VERSION_CONFLICT with the current span.
 * - Valid: offsets, grapheme boundaries and quote are checked by
 *   SpanValidator against the article's current text (cached per revision),
 *   kind/label/entity/claim by span-rules.ts; the article row is share-locked
 *   while a span is written against it, so a concurrent revision of its text
 *   cannot slip in between the check and the write.
 *
 * The hot path is two round trips: one query reads everything a mutation
 * needs (the span, its article's revision, the label, entity and claim it
 * names, whether the mutationId was applied), one statement writes.
 */
import type { Db } from "../db";
import { AppError, notFound, versionConflict } from "../errors";
import { quoteAt } from "../text/quote";
import { articleValidator } from "./article-cache";
import { snapshot, spanDTO, type SpanDTO, type SpanKind, type SpanRow, type SpanSnapshot, type UserRef } from "./dto";
import { insertSpan, isUniqueViolation, updateSpan, type NewSpan, type SpanState } from "./span-writes";
import { resolveLinks, type Given, type Lookups, type SpanLinks } from "./span-rules";
import { spanMutation, type CreateMutation, type SpanMutation, type UpdateMutation } from "./schemas";
import { describeIssue } from "../validation";
import { inLayers, layerView, visibleSpanWhere, type Viewer } from "../authz/layers";
import type { AssignmentMode } from "../generated/prisma/enums";
import { log } from "../observability/log";

export interface Actor {
  id: string;
  name: string;
  /** May set reviewStatus (permission annotation.review). */
  canReview: boolean;
}

export interface MutationError {
  code: string;
  message: string;
  /** The HTTP status this error would have on its own (400, 403, 404, 409). */
  status: number;
  current?: SpanDTO;
}

export type MutationResult =
  | { mutationId: string; ok: true; span: SpanDTO; replayed: boolean }
  | { mutationId: string; ok: false; error: MutationError };

const USER_REF = { select: { id: true, name: true } } as const;

// ───────────────────────────── Reads ─────────────────────────────

/** The article's spans that `viewer` sees (lib/authz/layers.ts; null: the shared layer). */
export async function listArticleSpans(
  db: Db,
  articleId: string,
  viewer: Viewer | null = null,
): Promise<{ articleRevision: number; spans: SpanDTO[] }> {
  const article = await db.article.findUnique({ where: { id: articleId }, select: { revision: true } });
  if (!article) throw notFound("The article");
  const rows = await db.span.findMany({
    where: { articleId, deletedAt: null, ...visibleSpanWhere(viewer) },
    orderBy: [{ start: "asc" }, { end: "desc" }, { id: "asc" }],
    include: { createdBy: USER_REF, updatedBy: USER_REF },
  });
  return { articleRevision: article.revision, spans: rows.map((r) => spanDTO(r, r.createdBy, r.updatedBy)) };
}

/** The span as it is now (deleted or not), or null; with a viewer, null unless they see its layer. */
export async function getSpan(db: Db, spanId: string, viewer?: Viewer): Promise<SpanDTO | null> {
  const row = await db.span.findFirst({
    where: { id: spanId, ...(viewer ? visibleSpanWhere(viewer) : {}) },
    include: { createdBy: USER_REF, updatedBy: USER_REF },
  });
  return row ? spanDTO(row, row.createdBy, row.updatedBy) : null;
}

// ───────────────────────────── Writes ─────────────────────────────

/**
 * Applies `mutations` to the spans of article `articleId` in order, each in
 * its own transaction; one that fails does not stop the others. Entries that
 * are not valid mutations get an INVALID_INPUT result of their own.
 */
export async function applySpanMutations(
  db: Db,
  actor: Actor,
  articleId: string,
  mutations: readonly unknown[],
): Promise<MutationResult[]> {
  const results: MutationResult[] = [];
  for (const raw of mutations) {
    const parsed = spanMutation.safeParse(raw);
    if (!parsed.success) {
      const mutationId =
        typeof raw === "object" && raw && typeof (raw as { mutationId?: unknown }).mutationId === "string"
          ? (raw as { mutationId: string }).mutationId
          : "";
      results.push({
        mutationId,
        ok: false,
        error: { code: "INVALID_INPUT", message: describeIssue(parsed.error.issues[0]!), status: 400 },
      });
      continue;
    }
    results.push(await applySpanMutation(db, actor, articleId, parsed.data));
  }
  return results;
}

/** The entity a write links to was relabelled between the read and the write: read again and retry. */
class EntityMoved extends Error {}

const ENTITY_RETRIES = 3;

export async function applySpanMutation(
  db: Db,
  actor: Actor,
  articleId: string,
  mutation: SpanMutation,
): Promise<MutationResult> {
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        switch (mutation.type) {
          case "create":
            return await applyCreate(db, actor, articleId, mutation);
          case "update":
          case "delete":
          case "restore":
            return await applyChange(db, actor, articleId, mutation);
        }
      } catch (error) {
        if (!(error instanceof EntityMoved) || attempt >= ENTITY_RETRIES) throw error;
      }
    }
  } catch (error) {
    if (error instanceof EntityMoved) {
      return {
        mutationId: mutation.mutationId,
        ok: false,
        error: {
          code: "ENTITY_CHANGED",
          message: "The linked entity's type kept changing while this span was being saved; try again.",
          status: 409,
        },
      };
    }
    if (error instanceof AppError) {
      const current = (error.details as { current?: SpanDTO } | undefined)?.current;
      return {
        mutationId: mutation.mutationId,
        ok: false,
        error: { code: error.code, message: error.message, status: error.status, ...(current ? { current } : {}) },
      };
    }
    log.error({ err: error }, "a span mutation failed");
    return {
      mutationId: mutation.mutationId,
      ok: false,
      error: { code: "INTERNAL", message: "The server could not apply this change; it was not saved.", status: 500 },
    };
  }
}

/** A replayed mutation: the span as it is now. */
async function replay(db: Db, mutationId: string, spanId: string): Promise<MutationResult> {
  const span = await getSpan(db, spanId);
  if (!span) throw notFound("The span");
  return { mutationId, ok: true, span, replayed: true };
}

/** Throws EntityMoved when `entityId` no longer carries `labelId` (a relabel won the race). */
async function checkEntityStill(db: Db, entityId: string | null, labelId: string | null): Promise<void> {
  if (!entityId) return;
  const entity = await db.entity.findUnique({ where: { id: entityId }, select: { labelId: true } });
  if (!entity || entity.labelId !== labelId) throw new EntityMoved();
}

async function appliedSpanId(db: Db, mutationId: string): Promise<string | null> {
  const row = await db.spanRevision.findUnique({ where: { mutationId }, select: { spanId: true } });
  return row?.spanId ?? null;
}

const articleRevised = (details?: unknown) =>
  new AppError(
    "ARTICLE_REVISED",
    "The article's text changed while this change was being saved; reload the article and try again.",
    409,
    details,
  );

function validationError(problem: { code: string; message: string }): AppError {
  return new AppError(problem.code, problem.message, 400);
}

interface LookupRow {
  labelKind: SpanKind | null;
  labelArchived: boolean | null;
  labelKey: string | null;
  entityFound: string | null;
  entityLabelId: string | null;
  entityName: string | null;
  claimFound: string | null;
  claimLabelId: string | null;
  appliedSpanId: string | null;
}

function lookups(row: LookupRow): Lookups {
  return {
    label: row.labelKind ? { kind: row.labelKind, archived: !!row.labelArchived, key: row.labelKey ?? "" } : null,
    entity: row.entityFound ? { labelId: row.entityLabelId!, name: row.entityName ?? "" } : null,
    claimExists: !!row.claimFound,
    claimLabelId: row.claimLabelId,
  };
}

// ───────────── create ─────────────

interface CreateContextRow extends LookupRow {
  revision: number;
  contentHash: string;
  status: string;
  language: string;
  assignmentMode: AssignmentMode | null;
}

async function applyCreate(db: Db, actor: Actor, articleId: string, m: CreateMutation): Promise<MutationResult> {
  const input = m.span;
  // One query: the article's revision, the mutation's fate, and what the span links to.
  const [ctx] = await db.$queryRaw<CreateContextRow[]>`
    SELECT a.revision, a."contentHash", a.status::text AS status, a.language,
      (SELECT r."spanId"::text FROM "SpanRevision" r WHERE r."mutationId" = ${m.mutationId}) AS "appliedSpanId",
      l.kind::text AS "labelKind", l.archived AS "labelArchived", l.key AS "labelKey",
      e.id::text AS "entityFound", e."labelId"::text AS "entityLabelId", e.name AS "entityName",
      c.id::text AS "claimFound",
      (SELECT id::text FROM "Label" WHERE kind = 'CLAIM' AND NOT archived ORDER BY "order", key LIMIT 1) AS "claimLabelId",
      (SELECT asg.mode::text FROM "Assignment" asg
        WHERE asg."articleId" = a.id AND asg."userId" = ${actor.id}::uuid) AS "assignmentMode"
    FROM "Article" a
    LEFT JOIN "Label" l ON l.id = ${input.labelId ?? null}::uuid
    LEFT JOIN "Entity" e ON e.id = ${input.entityId ?? null}::uuid
    LEFT JOIN "Claim" c ON c.id = ${input.claimId ?? null}::uuid
    WHERE a.id = ${articleId}::uuid`;
  if (!ctx) throw new AppError("ARTICLE_NOT_FOUND", "The article was not found.", 404);
  if (input.articleId !== articleId) {
    throw new AppError("WRONG_ARTICLE", `span.articleId (${input.articleId}) is not the article of this request.`, 400);
  }
  if (ctx.appliedSpanId) return replay(db, m.mutationId, ctx.appliedSpanId);

  const links = resolveLinks(
    {
      kind: input.kind,
      labelId: input.labelId ?? null,
      entityId: input.entityId ?? null,
      claimId: input.claimId ?? null,
    },
    {
      labelId: input.labelId != null,
      entityId: input.entityId != null,
      claimId: input.claimId != null,
      labelChanged: true,
    },
    lookups(ctx),
  );
  const { revision, validator } = await articleValidator(db, articleId, ctx.revision, ctx.contentHash);
  const problem = validator.check(input.start, input.end, input.quote);
  if (problem) throw validationError(problem);
  const selector = quoteAt(validator.index, input.start, input.end);

  const span: NewSpan = {
    id: input.id,
    articleId,
    revision,
    start: input.start,
    end: input.end,
    quote: selector.quote,
    prefix: selector.prefix,
    suffix: selector.suffix,
    ...links,
    source: input.source ?? "MANUAL",
    ...layerColumns(layerView(actor, ctx.assignmentMode ? { mode: ctx.assignmentMode } : null).write),
  };
  const after = snapshot({ ...span, reviewStatus: "PENDING", deletedAt: null });
  // An accepted suggestion teaches the entity how this language writes its name.
  const alias =
    span.source === "SUGGESTION" && links.entityId
      ? { entityId: links.entityId, language: ctx.language, alias: selector.quote }
      : null;
  let row: SpanRow | null;
  try {
    row = await insertSpan(db, span, { mutationId: m.mutationId, actorId: actor.id, after }, alias);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Either this very mutation won a race against us, or the span id is taken.
    const applied = await appliedSpanId(db, m.mutationId);
    if (applied) return replay(db, m.mutationId, applied);
    const current = await getSpan(db, input.id);
    throw new AppError("SPAN_EXISTS", `A span with id ${input.id} already exists.`, 409, { current });
  }
  if (!row) {
    await checkEntityStill(db, span.entityId, span.labelId);
    throw articleRevised();
  }
  if (ctx.status === "NEW") {
    // A separate statement: updating the article row inside the write would wait on other writers' share locks.
    await db.article.updateMany({ where: { id: articleId, status: "NEW" }, data: { status: "IN_PROGRESS" } });
  }
  const me: UserRef = { id: actor.id, name: actor.name };
  return { mutationId: m.mutationId, ok: true, span: spanDTO(row, me, me), replayed: false };
}

// ───────────── update, delete, restore ─────────────

interface SpanContextRow extends LookupRow, SpanRow {
  layer: string;
  layerOwnerId: string | null;
  assignmentMode: AssignmentMode | null;
  createdById: string | null;
  createdByName: string | null;
  updatedById: string | null;
  updatedByName: string | null;
  articleRevision: number;
  contentHash: string;
}

type ChangeMutation = UpdateMutation | Extract<SpanMutation, { type: "delete" | "restore" }>;

async function readSpanContext(db: Db, actor: Actor, m: ChangeMutation): Promise<SpanContextRow | undefined> {
  const patch = m.type === "update" ? m.patch : {};
  const has = (key: keyof UpdateMutation["patch"]) => key in patch && patch[key] !== undefined;
  // The label, entity and claim looked up are the ones the span will have: the patch's, or its own.
  const [row] = await db.$queryRaw<SpanContextRow[]>`
    SELECT s.id::text, s."articleId"::text, s.revision, s.start, s."end", s.quote, s.prefix, s.suffix,
      s.kind::text AS kind, s."labelId"::text, s."entityId"::text, s."claimId"::text,
      s."reviewStatus"::text AS "reviewStatus", s.orphaned, s.source::text AS source, s.version,
      s."deletedAt", s."createdAt", s."updatedAt",
      cu.id::text AS "createdById", cu.name AS "createdByName",
      uu.id::text AS "updatedById", uu.name AS "updatedByName",
      a.revision AS "articleRevision", a."contentHash",
      s.layer::text AS layer, s."layerOwnerId"::text AS "layerOwnerId",
      (SELECT asg.mode::text FROM "Assignment" asg
        WHERE asg."articleId" = a.id AND asg."userId" = ${actor.id}::uuid) AS "assignmentMode",
      (SELECT r."spanId"::text FROM "SpanRevision" r WHERE r."mutationId" = ${m.mutationId}) AS "appliedSpanId",
      l.kind::text AS "labelKind", l.archived AS "labelArchived", l.key AS "labelKey",
      e.id::text AS "entityFound", e."labelId"::text AS "entityLabelId", e.name AS "entityName",
      c.id::text AS "claimFound",
      (SELECT id::text FROM "Label" WHERE kind = 'CLAIM' AND NOT archived ORDER BY "order", key LIMIT 1) AS "claimLabelId"
    FROM "Span" s
    JOIN "Article" a ON a.id = s."articleId"
    LEFT JOIN "User" cu ON cu.id = s."createdById"
    LEFT JOIN "User" uu ON uu.id = s."updatedById"
    LEFT JOIN "Label" l ON l.id = CASE WHEN ${has("labelId")} THEN ${patch.labelId ?? null}::uuid ELSE s."labelId" END
    LEFT JOIN "Entity" e ON e.id = CASE WHEN ${has("entityId")} THEN ${patch.entityId ?? null}::uuid ELSE s."entityId" END
    LEFT JOIN "Claim" c ON c.id = CASE WHEN ${has("claimId")} THEN ${patch.claimId ?? null}::uuid ELSE s."claimId" END
    WHERE s.id = ${m.spanId}::uuid`;
  return row;
}

function currentDTO(row: SpanContextRow): SpanDTO {
  return spanDTO(
    row,
    row.createdById ? { id: row.createdById, name: row.createdByName ?? "" } : null,
    row.updatedById ? { id: row.updatedById, name: row.updatedByName ?? "" } : null,
  );
}

const CONTENT_FIELDS = ["start", "end", "quote", "kind", "labelId", "entityId", "claimId"] as const;

async function applyChange(db: Db, actor: Actor, articleId: string, m: ChangeMutation): Promise<MutationResult> {
  const ctx = await readSpanContext(db, actor, m);
  if (ctx?.appliedSpanId) return replay(db, m.mutationId, ctx.appliedSpanId);
  // A span in a layer the actor does not write is, to them, not there.
  const writable =
    ctx &&
    inLayers(
      [layerView(actor, ctx.assignmentMode ? { mode: ctx.assignmentMode } : null).write],
      ctx.layer,
      ctx.layerOwnerId,
    );
  if (!ctx || ctx.articleId !== articleId || !writable) {
    const article = await db.article.findUnique({ where: { id: articleId }, select: { id: true } });
    if (!article) throw new AppError("ARTICLE_NOT_FOUND", "The article was not found.", 404);
    throw notFound("The span");
  }
  const current = currentDTO(ctx);
  const conflict = () => versionConflict("span", m.baseVersion, current);
  if (m.baseVersion !== ctx.version) throw conflict();

  let next: SpanState;
  let action: "UPDATE" | "DELETE" | "RESTORE";
  let guardRevision = false;
  const state = stateOf(ctx);
  let relinks = false;
  switch (m.type) {
    case "delete":
      if (ctx.deletedAt) throw new AppError("SPAN_DELETED", "This span is already deleted.", 409, { current });
      action = "DELETE";
      next = { ...state, deleted: true };
      break;
    case "restore":
      if (!ctx.deletedAt) throw new AppError("SPAN_NOT_DELETED", "This span is not deleted.", 409, { current });
      if (ctx.revision !== ctx.articleRevision) {
        throw new AppError(
          "ARTICLE_REVISED",
          "The article's text changed since this span was deleted; create the span again.",
          409,
          { current },
        );
      }
      action = "RESTORE";
      next = { ...state, deleted: false };
      guardRevision = true;
      break;
    case "update": {
      if (ctx.deletedAt)
        throw new AppError("SPAN_DELETED", "This span was deleted; restore it first.", 409, { current });
      action = "UPDATE";
      const planned = await planUpdate(db, actor, ctx, m);
      if (!planned) return { mutationId: m.mutationId, ok: true, span: current, replayed: false };
      next = planned.next;
      guardRevision = planned.movesOffsets;
      relinks = next.entityId !== state.entityId || next.labelId !== state.labelId;
      break;
    }
  }

  let row: SpanRow | null;
  try {
    row = await updateSpan(
      db,
      {
        id: ctx.id,
        baseVersion: m.baseVersion,
        deletedNow: ctx.deletedAt !== null,
        articleRevision: guardRevision ? { articleId, revision: ctx.articleRevision } : null,
        checkEntity: relinks,
      },
      next,
      {
        mutationId: m.mutationId,
        actorId: actor.id,
        action,
        before: snapshot(ctx),
        after: snapshotOf(next),
      },
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    row = null; // a copy of this mutation got there first: settled below
  }
  if (!row) {
    // Lost a race: to a copy of this very mutation (a replay), to another change (a conflict), or to a new text.
    const applied = await appliedSpanId(db, m.mutationId);
    if (applied) return replay(db, m.mutationId, applied);
    const now = await getSpan(db, ctx.id);
    if (now && now.version === m.baseVersion) {
      if (relinks) await checkEntityStill(db, next.entityId, next.labelId);
      throw articleRevised({ current: now });
    }
    throw new AppError(
      "VERSION_CONFLICT",
      `Someone changed this span meanwhile (you edited version ${m.baseVersion}); nothing was overwritten.`,
      409,
      { current: now ?? current },
    );
  }
  return {
    mutationId: m.mutationId,
    ok: true,
    span: spanDTO(row, current.createdBy, { id: actor.id, name: actor.name }),
    replayed: false,
  };
}

function stateOf(row: SpanContextRow): SpanState {
  return {
    revision: row.revision,
    start: row.start,
    end: row.end,
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    kind: row.kind,
    labelId: row.labelId,
    entityId: row.entityId,
    claimId: row.claimId,
    reviewStatus: row.reviewStatus,
    orphaned: row.orphaned,
    deleted: row.deletedAt !== null,
  };
}

function snapshotOf(state: SpanState): SpanSnapshot {
  return snapshot({ ...state, deletedAt: state.deleted ? new Date(0) : null });
}

/** The span after an update, or null when the update changes nothing. */
async function planUpdate(
  db: Db,
  actor: Actor,
  ctx: SpanContextRow,
  m: UpdateMutation,
): Promise<{ next: SpanState; movesOffsets: boolean } | null> {
  const patch = m.patch;
  const given = (key: keyof typeof patch) => key in patch && patch[key] !== undefined;
  if (given("reviewStatus") && !actor.canReview) {
    throw new AppError("FORBIDDEN", "Your role may not approve or reject spans.", 403);
  }
  const before = stateOf(ctx);
  const next: SpanState = { ...before };

  // Offsets and quote: checked against the current text, stored with its revision.
  const start = patch.start ?? ctx.start;
  const end = patch.end ?? ctx.end;
  const movesOffsets = start !== ctx.start || end !== ctx.end;
  if (movesOffsets && patch.quote === undefined) {
    throw new AppError("QUOTE_REQUIRED", "Send the quote (the text at the new offsets) when moving a span.", 400);
  }
  if (movesOffsets || (patch.quote !== undefined && patch.quote !== ctx.quote)) {
    const { revision, validator } = await articleValidator(db, ctx.articleId, ctx.articleRevision, ctx.contentHash);
    if (revision !== ctx.articleRevision) throw articleRevised();
    const problem = validator.check(start, end, patch.quote ?? ctx.quote);
    if (problem) throw validationError(problem);
    const selector = quoteAt(validator.index, start, end);
    Object.assign(next, {
      start,
      end,
      quote: selector.quote,
      prefix: selector.prefix,
      suffix: selector.suffix,
      revision,
      orphaned: false,
    });
  }

  const wanted: SpanLinks = {
    kind: patch.kind ?? ctx.kind,
    labelId: given("labelId") ? (patch.labelId ?? null) : ctx.labelId,
    entityId: given("entityId") ? (patch.entityId ?? null) : ctx.entityId,
    claimId: given("claimId") ? (patch.claimId ?? null) : ctx.claimId,
  };
  const flags: Given = {
    labelId: given("labelId"),
    entityId: given("entityId"),
    claimId: given("claimId"),
    labelChanged: given("labelId") && patch.labelId !== ctx.labelId,
  };
  Object.assign(next, resolveLinks(wanted, flags, lookups(ctx)));

  const contentChanged = CONTENT_FIELDS.some((f) => next[f] !== before[f]);
  if (given("reviewStatus")) {
    next.reviewStatus = patch.reviewStatus!;
  } else if (contentChanged && ctx.reviewStatus !== "PENDING") {
    // A review approved what the span said; a changed span needs a new review.
    next.reviewStatus = "PENDING";
  }
  const changed = contentChanged || next.reviewStatus !== before.reviewStatus || next.revision !== before.revision;
  return changed ? { next, movesOffsets } : null;
}

/** The Span columns that place a new span in `ref`. */
function layerColumns(ref: ReturnType<typeof layerView>["write"]): Pick<NewSpan, "layer" | "layerOwnerId"> {
  return { layer: ref.layer, layerOwnerId: ref.layer === "ANNOTATOR" ? ref.ownerId : null };
}
