/**
 * Pure parts of the annotation client: what an edit does to a span locally
 * (the optimistic view), what undoes it, and the patch that turns one span
 * into another. No timers, no network, no React.
 */
import type { NewSpan, SpanDTO, SpanMutation, SpanPatch, UserRef } from "./types";

/** An edit before it has a mutation id and a base version. */
export type SpanOp =
  | { type: "create"; span: NewSpan & { id: string } }
  | { type: "update"; spanId: string; patch: SpanPatch }
  | { type: "delete"; spanId: string }
  | { type: "restore"; spanId: string };

/**
 * A mutation waiting to be acknowledged. `baseVersion` is the span version the
 * editor saw when making the edit; null means "on top of this span's previous
 * queued mutation" and is filled in from that mutation's result when sent.
 */
export interface QueuedMutation {
  mutationId: string;
  articleId: string;
  op: SpanOp;
  baseVersion: number | null;
}

export function spanIdOf(op: SpanOp): string {
  return op.type === "create" ? op.span.id : op.spanId;
}

/** The fields of SpanPatch that the editor changes (reviewStatus included). */
export const PATCH_FIELDS = [
  "start",
  "end",
  "quote",
  "kind",
  "labelId",
  "entityId",
  "claimId",
  "reviewStatus",
] as const;

/** Applies an edit to the local copy of a span; undefined when it cannot be shown (unknown span). */
export function applyOp(span: SpanDTO | undefined, op: SpanOp, user: UserRef, now: string): SpanDTO | undefined {
  switch (op.type) {
    case "create": {
      const s = op.span;
      return {
        id: s.id,
        articleId: s.articleId,
        revision: span?.revision ?? 0,
        start: s.start,
        end: s.end,
        quote: s.quote,
        prefix: span?.prefix ?? "",
        suffix: span?.suffix ?? "",
        kind: s.kind,
        labelId: s.labelId ?? null,
        entityId: s.kind === "ENTITY" ? (s.entityId ?? null) : null,
        claimId: s.kind === "CLAIM" ? (s.claimId ?? null) : null,
        reviewStatus: "PENDING",
        orphaned: false,
        source: s.source ?? "MANUAL",
        version: span?.version ?? 0,
        createdBy: span?.createdBy ?? user,
        updatedBy: user,
        createdAt: span?.createdAt ?? now,
        updatedAt: now,
      };
    }
    case "update": {
      if (!span) return undefined;
      const p = op.patch;
      const next: SpanDTO = { ...span, updatedBy: user, updatedAt: now };
      for (const f of PATCH_FIELDS) if (p[f] !== undefined) (next as unknown as Record<string, unknown>)[f] = p[f];
      // The server's rules, mirrored so the optimistic view does not show what it would refuse to keep.
      if (p.kind !== undefined && p.kind !== span.kind && p.labelId === undefined) next.labelId = null;
      if (next.kind === "ENTITY") next.claimId = null;
      if (next.kind === "CLAIM") next.entityId = null;
      return next;
    }
    case "delete":
      return span ? { ...span, deletedAt: now, updatedBy: user, updatedAt: now } : undefined;
    case "restore": {
      if (!span) return undefined;
      const { deletedAt: _deleted, ...alive } = span;
      return { ...alive, updatedBy: user, updatedAt: now };
    }
  }
}

/** The patch that turns `from` into `to` (only the fields that differ; reviewStatus left out). */
export function diffPatch(from: SpanDTO, to: SpanDTO): SpanPatch {
  const patch: SpanPatch = {};
  for (const f of PATCH_FIELDS) {
    if (f === "reviewStatus") continue;
    if (from[f] !== to[f]) (patch as Record<string, unknown>)[f] = to[f];
  }
  // Moving a span needs its quote.
  if ((patch.start !== undefined || patch.end !== undefined) && patch.quote === undefined) patch.quote = to.quote;
  return patch;
}

export function isEmptyPatch(patch: SpanPatch): boolean {
  return PATCH_FIELDS.every((f) => patch[f] === undefined);
}

export function isAlive(span: SpanDTO | undefined): span is SpanDTO {
  return span !== undefined && span.deletedAt === undefined;
}

/**
 * The edits that take a span from `current` to `target` (undefined or deleted:
 * not there). Undo, redo and "keep mine" after a conflict are all this: a
 * deleted span comes back with a restore (it keeps its id), then a patch.
 */
export function transition(spanId: string, current: SpanDTO | undefined, target: SpanDTO | undefined): SpanOp[] {
  if (!isAlive(target)) return isAlive(current) ? [{ type: "delete", spanId }] : [];
  if (!current) {
    const { articleId, start, end, quote, kind, labelId, entityId, claimId } = target;
    const source = target.source === "SUGGESTION" ? "SUGGESTION" : "MANUAL";
    return [
      { type: "create", span: { id: spanId, articleId, start, end, quote, kind, labelId, entityId, claimId, source } },
    ];
  }
  const ops: SpanOp[] = [];
  if (!isAlive(current)) ops.push({ type: "restore", spanId });
  const patch = diffPatch(current, target);
  if (!isEmptyPatch(patch)) ops.push({ type: "update", spanId, patch });
  return ops;
}

/** The wire form of a queued mutation, given the base version it is sent against. */
export function toWire(q: QueuedMutation, baseVersion: number): SpanMutation {
  const { op, mutationId } = q;
  switch (op.type) {
    case "create":
      return { type: "create", mutationId, span: op.span };
    case "update":
      return { type: "update", mutationId, spanId: op.spanId, baseVersion, patch: op.patch };
    case "delete":
    case "restore":
      return { type: op.type, mutationId, spanId: op.spanId, baseVersion };
  }
}

/** Spans in text order: start ascending, the longer first, then by id (as the server lists them). */
export function compareSpans(a: SpanDTO, b: SpanDTO): number {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A v4 UUID; randomUUID needs a secure context (https or localhost), getRandomValues does not. */
export function newId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === "function") return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
