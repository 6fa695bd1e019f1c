/**
 * The annotation API's JSON shapes as the browser sees them
 * (docs/annotation-api.md). Type-only imports: nothing from the server is
 * bundled into the client.
 */
import type {
  ClaimDTO,
  EntityDTO,
  LabelDTO,
  SpanDTO,
  SpanKind,
  SpanSnapshot,
  UserRef,
  VerdictDTO,
} from "@/lib/annotation/dto";
import type { SpanHistoryEntry as ServerHistoryEntry } from "@/lib/annotation/history";
import type { StoryAnnotations, StorySpanRef } from "@/lib/annotation/story-annotations";
import type { Suggestion } from "@/lib/annotation/suggestions";
import type { Taxonomy } from "@/lib/taxonomy/taxonomy";

export type {
  ClaimDTO,
  EntityDTO,
  LabelDTO,
  SpanDTO,
  SpanKind,
  SpanSnapshot,
  StoryAnnotations,
  StorySpanRef,
  Suggestion,
  Taxonomy,
  UserRef,
  VerdictDTO,
};

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

/** A history entry with its snapshots typed (the server sends SpanSnapshot JSON). */
export interface SpanHistoryEntry extends Omit<ServerHistoryEntry, "before" | "after"> {
  before: SpanSnapshot | null;
  after: SpanSnapshot;
}
