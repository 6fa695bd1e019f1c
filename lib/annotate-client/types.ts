/**
 * The annotation API's JSON shapes as the browser sees them
 * (docs/annotation-api.md). Type-only imports: nothing from the server is
 * bundled into the client.
 */
import type { ClaimDTO, EntityDTO, LabelDTO, SpanDTO, SpanKind, UserRef, VerdictDTO } from "@/lib/annotation/dto";

export type { ClaimDTO, EntityDTO, LabelDTO, SpanDTO, SpanKind, UserRef, VerdictDTO };

export type ReviewStatus = SpanDTO["reviewStatus"];

/** The fields an edit may change (an update's patch). */
export interface SpanPatch {
  start?: number;
  end?: number;
  quote?: string;
  kind?: SpanKind;
  labelId?: string | null;
  entityId?: string | null;
  claimId?: string | null;
  reviewStatus?: ReviewStatus;
}

/** What `store.create` takes: a new span (code-point offsets over the article's text). */
export interface NewSpan {
  articleId: string;
  start: number;
  end: number;
  quote: string;
  kind: SpanKind;
  labelId?: string | null;
  entityId?: string | null;
  claimId?: string | null;
  source?: "MANUAL" | "SUGGESTION";
}

export type SpanMutation =
  | { type: "create"; mutationId: string; span: NewSpan & { id: string } }
  | { type: "update"; mutationId: string; spanId: string; baseVersion: number; patch: SpanPatch }
  | { type: "delete"; mutationId: string; spanId: string; baseVersion: number }
  | { type: "restore"; mutationId: string; spanId: string; baseVersion: number };

export type MutationResult =
  | { mutationId: string; ok: true; span: SpanDTO; replayed: boolean }
  | {
      mutationId: string;
      ok: false;
      error: { code: string; message: string; status: number; current?: SpanDTO };
    };

export interface StorySpanRef {
  articleId: string;
  language: string;
  spanId: string;
  start: number;
  end: number;
  quote: string;
}

export interface StoryAnnotations {
  entities: (EntityDTO & { spans: StorySpanRef[] })[];
  claims: (ClaimDTO & { spans: StorySpanRef[] })[];
}

export interface Suggestion {
  id: string;
  articleId: string;
  language: string;
  revision: number;
  start: number;
  end: number;
  quote: string;
  entityId: string;
  reason: "name" | "alias" | "cognate";
  spanId?: string;
}

export interface SpanSnapshot {
  revision: number;
  start: number;
  end: number;
  quote: string;
  kind: SpanKind;
  labelId: string | null;
  entityId: string | null;
  claimId: string | null;
  reviewStatus: ReviewStatus;
  deleted: boolean;
}

export interface SpanHistoryEntry {
  version: number;
  action: "CREATE" | "UPDATE" | "DELETE" | "RESTORE";
  actor: UserRef | null;
  at: string;
  before: SpanSnapshot | null;
  after: SpanSnapshot;
  changed: string[];
}

export interface Taxonomy {
  labels: LabelDTO[];
  verdicts: VerdictDTO[];
  archivedLabels: LabelDTO[];
  archivedVerdicts: VerdictDTO[];
}
