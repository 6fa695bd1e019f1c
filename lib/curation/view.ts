/**
 * What the curation view of one language version shows, read on the server:
 * the article (as the reader's pane has it), each independent annotator's
 * layer, the curated layer with its provenance, and the units to decide on.
 * A curator sees every annotator; an annotator who has marked their work
 * done sees their own layer beside the curated one (where the curator changed
 * their work).
 */
import type { Db } from "../db";
import type { SpanDTO } from "../annotation/dto";
import { loadStoryView, type StoryView } from "../reader/story-view";
import { layerSpans } from "../reader/spans";
import { encodeSpans } from "../reader/span-pack";
import { curationUnits, type CurationUnit, type UnitSpan } from "./units";

export interface CuratedProvenance {
  proposedBy: string | null;
  acceptedBy: string | null;
  /** Taken unchanged from this annotator span (null: edited or added by the curator). */
  sourceSpanId: string | null;
}

export interface CurationView {
  story: StoryView["story"];
  versions: StoryView["versions"];
  article: StoryView["panes"][number];
  taxonomy: StoryView["taxonomy"];
  /** curate: every annotator, decisions allowed; review: the viewer's own layer beside the curated one. */
  mode: "curate" | "review";
  annotators: { id: string; name: string; status: string }[];
  /** Each annotator's spans (encodeSpans), in the order of `annotators`. */
  layers: string[];
  curated: string;
  provenance: Record<string, CuratedProvenance>;
  units: CurationUnit[];
}

const unitSpan = (s: SpanDTO, ownerId: string | null): UnitSpan => ({
  id: s.id,
  start: s.start,
  end: s.end,
  kind: s.kind,
  labelId: s.labelId,
  entityId: s.entityId,
  claimId: s.claimId,
  ownerId,
  reviewStatus: s.reviewStatus,
});

/**
 * The curation view of the version `ref` (an article id or a language; default
 * the first version with independent annotators) of story `key`, or null if
 * there is no such story or version.
 */
export async function loadCurationView(
  db: Db,
  key: string,
  ref: string | null,
  viewer: { id: string },
  mode: "curate" | "review",
): Promise<CurationView | null> {
  const story = await db.story.findUnique({
    where: { key },
    select: {
      articles: {
        select: { id: true, language: true, assignments: { where: { mode: "INDEPENDENT" }, select: { userId: true } } },
        orderBy: [{ language: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!story) return null;
  const chosen = ref
    ? story.articles.find((a) => a.id === ref || a.language === ref)
    : (story.articles.find((a) => a.assignments.length > 0) ?? story.articles[0]);
  if (!chosen) return null;
  const view = await loadStoryView(db, key, chosen.id, null);
  if (!view) return null;

  const assignments = await db.assignment.findMany({
    where: { articleId: chosen.id, mode: "INDEPENDENT", ...(mode === "review" ? { userId: viewer.id } : {}) },
    select: { userId: true, status: true, user: { select: { name: true } } },
  });
  assignments.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.userId.localeCompare(b.userId));
  const annotators = assignments.map((a) => ({ id: a.userId, name: a.user.name, status: a.status }));
  const [layers, curated, provenanceRows] = await Promise.all([
    Promise.all(annotators.map((a) => layerSpans(db, chosen.id, { layer: "ANNOTATOR", ownerId: a.id }))),
    layerSpans(db, chosen.id, { layer: "CURATED" }),
    db.span.findMany({
      where: { articleId: chosen.id, layer: "CURATED", deletedAt: null },
      select: {
        id: true,
        sourceSpanId: true,
        proposedBy: { select: { name: true } },
        acceptedBy: { select: { name: true } },
      },
    }),
  ]);
  let units = curationUnits(
    annotators.map((a) => a.id),
    layers.flatMap((spans, k) => spans.map((s) => unitSpan(s, annotators[k]!.id))),
    curated.map((s) => unitSpan(s, null)),
  );
  // An annotator reviewing the outcome steps through what the curator did not take as they had it.
  if (mode === "review") {
    units = units.map((u) => ({
      ...u,
      agreed: u.versions.every((v) => v.spans.every((s) => s.reviewStatus === "APPROVED")),
    }));
  }
  const article = view.panes[0]!;
  return {
    story: view.story,
    versions: view.versions,
    article: { ...article, spans: "" },
    taxonomy: view.taxonomy,
    mode,
    annotators,
    layers: layers.map((spans) => encodeSpans(spans, article.text)),
    curated: encodeSpans(curated, article.text),
    provenance: Object.fromEntries(
      provenanceRows.map((r) => [
        r.id,
        {
          proposedBy: r.proposedBy?.name ?? null,
          acceptedBy: r.acceptedBy?.name ?? null,
          sourceSpanId: r.sourceSpanId,
        },
      ]),
    ),
    units,
  };
}
