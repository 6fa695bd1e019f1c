/** The taxonomy as the annotator reads it: labels and verdicts in picker order. */
import type { Db } from "../db";
import type { LabelDTO, VerdictDTO } from "../annotation/dto";

export interface Taxonomy {
  labels: LabelDTO[];
  verdicts: VerdictDTO[];
  /** Archived entries, so spans and claims that still carry one can be shown. */
  archivedLabels: LabelDTO[];
  archivedVerdicts: VerdictDTO[];
}

export async function getTaxonomy(db: Db): Promise<Taxonomy> {
  const [labels, verdicts] = await Promise.all([
    db.label.findMany({
      orderBy: [{ order: "asc" }, { key: "asc" }],
      select: { id: true, key: true, name: true, kind: true, color: true, shortcut: true, order: true, archived: true },
    }),
    db.verdictRating.findMany({
      orderBy: [{ order: "asc" }, { key: "asc" }],
      select: {
        id: true,
        key: true,
        name: true,
        value: true,
        color: true,
        description: true,
        order: true,
        archived: true,
      },
    }),
  ]);
  return {
    labels: labels.filter((l) => !l.archived),
    verdicts: verdicts.filter((v) => !v.archived),
    archivedLabels: labels.filter((l) => l.archived),
    archivedVerdicts: verdicts.filter((v) => v.archived),
  };
}
