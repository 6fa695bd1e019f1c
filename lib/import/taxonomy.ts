/** The label taxonomy and verdict scale as an import needs them: looked up by key, case-insensitively. */
import type { Db } from "../db";
import { seedTaxonomy } from "../demo/seed";
import { DEFAULT_LABELS, DEFAULT_VERDICTS } from "../taxonomy/defaults";

export interface TaxonomyLabel {
  id: string;
  key: string;
  kind: "ENTITY" | "CLAIM";
}

export interface Taxonomy {
  labels: Map<string, TaxonomyLabel>;
  verdicts: Map<string, { id: string; key: string }>;
  /** The label claim spans get when they name none (the first claim label). */
  defaultClaimLabel: TaxonomyLabel | null;
}

/**
 * The taxonomy in the database. A newsroom that has none yet (started
 * without the demo) gets the default one first — except in a dry run, which
 * writes nothing and checks against the defaults instead.
 */
export async function loadTaxonomy(db: Db, { dryRun = false }: { dryRun?: boolean } = {}): Promise<Taxonomy> {
  let [labels, verdicts] = await read(db);
  if (labels.length === 0 && verdicts.length === 0) {
    if (dryRun) {
      labels = DEFAULT_LABELS.map((l) => ({ id: `default:${l.key}`, key: l.key, kind: l.kind }));
      verdicts = DEFAULT_VERDICTS.map((v) => ({ id: `default:${v.key}`, key: v.key }));
    } else {
      await seedTaxonomy(db);
      [labels, verdicts] = await read(db);
    }
  }
  return {
    labels: new Map(labels.map((l) => [l.key.toUpperCase(), l])),
    verdicts: new Map(verdicts.map((v) => [v.key.toUpperCase(), v])),
    defaultClaimLabel: labels.find((l) => l.kind === "CLAIM") ?? null,
  };
}

function read(db: Db) {
  return Promise.all([
    db.label.findMany({ orderBy: [{ order: "asc" }, { key: "asc" }], select: { id: true, key: true, kind: true } }),
    db.verdictRating.findMany({ select: { id: true, key: true } }),
  ]);
}
