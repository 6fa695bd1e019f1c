/**
 * The JSON shapes of the annotation API (docs/annotation-api.md) and the
 * functions that build them from rows. Dates are ISO strings.
 */
import type { Prisma } from "../generated/prisma/client";
import type { SpanKind, SpanReviewStatus, SpanSource } from "../generated/prisma/enums";

export type { SpanKind, SpanReviewStatus, SpanSource };

export interface UserRef {
  id: string;
  name: string;
}

/** The columns a span carries in every shape (API, row, new span, mutation state). */
export interface SpanCore {
  id: string;
  articleId: string;
  revision: number;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  kind: SpanKind;
  labelId: string | null;
  entityId: string | null;
  claimId: string | null;
  source: SpanSource;
}

/** What a new span row is written with (lib/annotation/span-writes.ts); the layer defaults to SHARED. */
export type NewSpan = SpanCore & {
  layer?: "SHARED" | "ANNOTATOR" | "CURATED";
  layerOwnerId?: string | null;
};

export interface SpanDTO extends SpanCore {
  reviewStatus: SpanReviewStatus;
  orphaned: boolean;
  version: number;
  createdBy: UserRef | null;
  updatedBy: UserRef | null;
  createdAt: string;
  updatedAt: string;
  /** Set only on a deleted span (a conflict's current value, a restore's history). */
  deletedAt?: string;
}

export interface SpanRow extends SpanCore {
  reviewStatus: SpanReviewStatus;
  orphaned: boolean;
  version: number;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function spanDTO(row: SpanRow, createdBy: UserRef | null, updatedBy: UserRef | null): SpanDTO {
  return {
    id: row.id,
    articleId: row.articleId,
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
    source: row.source,
    version: row.version,
    createdBy,
    updatedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(row.deletedAt ? { deletedAt: row.deletedAt.toISOString() } : {}),
  };
}

/** What a span looked like before and after a change, as kept in SpanRevision.before/after. */
export type SpanSnapshot = {
  revision: number;
  start: number;
  end: number;
  quote: string;
  kind: SpanKind;
  labelId: string | null;
  entityId: string | null;
  claimId: string | null;
  reviewStatus: SpanReviewStatus;
  deleted: boolean;
};

export function snapshot(row: Omit<SpanSnapshot, "deleted"> & { deletedAt: Date | null }): SpanSnapshot {
  return {
    revision: row.revision,
    start: row.start,
    end: row.end,
    quote: row.quote,
    kind: row.kind,
    labelId: row.labelId,
    entityId: row.entityId,
    claimId: row.claimId,
    reviewStatus: row.reviewStatus,
    deleted: row.deletedAt !== null,
  };
}

export interface EntityDTO {
  id: string;
  key: string | null;
  name: string;
  labelId: string;
  labelKey: string;
  wikidataQid: string | null;
  description: string | null;
  aliases: { language: string; alias: string }[];
  /** Incremented by every edit; a PATCH names the version it was made against (baseVersion). */
  version: number;
}

export const ENTITY_SELECT = {
  id: true,
  key: true,
  name: true,
  labelId: true,
  label: { select: { key: true } },
  wikidataQid: true,
  description: true,
  aliases: { select: { language: true, alias: true }, orderBy: [{ language: "asc" }, { alias: "asc" }] },
  version: true,
} satisfies Prisma.EntitySelect;

export function entityDTO(row: {
  id: string;
  key: string | null;
  name: string;
  labelId: string;
  label: { key: string };
  wikidataQid: string | null;
  description: string | null;
  aliases: { language: string; alias: string }[];
  version: number;
}): EntityDTO {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    labelId: row.labelId,
    labelKey: row.label.key,
    wikidataQid: row.wikidataQid,
    description: row.description,
    aliases: row.aliases.map((a) => ({ language: a.language, alias: a.alias })),
    version: row.version,
  };
}

export interface ClaimDTO {
  id: string;
  key: string | null;
  storyId: string | null;
  statement: string;
  claimant: UserRef | null;
  claimDate: string | null;
  verdict: { id: string; key: string; name: string; color: string; value: number } | null;
  note: string | null;
  evidenceUrls: string[];
  /** Incremented by every edit; a PATCH names the version it was made against (baseVersion). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const CLAIM_SELECT = {
  id: true,
  key: true,
  storyId: true,
  statement: true,
  claimant: { select: { id: true, name: true } },
  claimDate: true,
  verdict: { select: { id: true, key: true, name: true, color: true, value: true } },
  note: true,
  evidenceUrls: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ClaimSelect;

export function claimDTO(row: {
  id: string;
  key: string | null;
  storyId: string | null;
  statement: string;
  claimant: UserRef | null;
  claimDate: Date | null;
  verdict: ClaimDTO["verdict"];
  note: string | null;
  evidenceUrls: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}): ClaimDTO {
  return {
    id: row.id,
    key: row.key,
    storyId: row.storyId,
    statement: row.statement,
    claimant: row.claimant,
    claimDate: row.claimDate ? row.claimDate.toISOString().slice(0, 10) : null,
    verdict: row.verdict,
    note: row.note,
    evidenceUrls: row.evidenceUrls,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type LabelDTO = {
  id: string;
  key: string;
  name: string;
  kind: SpanKind;
  color: string;
  shortcut: string | null;
  order: number;
  archived: boolean;
};

export type VerdictDTO = {
  id: string;
  key: string;
  name: string;
  value: number;
  color: string;
  description: string | null;
  order: number;
  archived: boolean;
};
