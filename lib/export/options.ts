/**
 * What the export page offers to choose from: the stories, languages,
 * outlets, labels and people a filter can name. Cheap queries only (distinct
 * values over indexed columns, small tables); nothing scans spans.
 */
import type { Db } from "../db";

export interface ExportFilterOptions {
  stories: { key: string; title: string }[];
  languages: string[];
  outlets: string[];
  labels: { key: string; name: string; kind: "ENTITY" | "CLAIM"; archived: boolean }[];
  /** People who may have annotated (anyone with an account), by id. */
  annotators: { id: string; name: string }[];
  /** Whose own layers there are to export: people with an independent assignment, by id (not e-mail: see selection.ts). */
  layerOwners: { id: string; name: string }[];
}

export async function exportFilterOptions(db: Db, { maxStories = 2000 } = {}): Promise<ExportFilterOptions> {
  const [stories, languages, outlets, labels, annotators, layerOwners] = await Promise.all([
    db.story.findMany({
      select: { key: true, title: true },
      orderBy: [{ updatedAt: "desc" }, { key: "asc" }],
      take: maxStories,
    }),
    db.article.findMany({ distinct: ["language"], select: { language: true }, orderBy: { language: "asc" } }),
    db.article.findMany({
      distinct: ["outlet"],
      where: { outlet: { not: null } },
      select: { outlet: true },
      orderBy: { outlet: "asc" },
      take: 1000,
    }),
    db.label.findMany({
      select: { key: true, name: true, kind: true, archived: true },
      orderBy: [{ archived: "asc" }, { kind: "asc" }, { order: "asc" }, { key: "asc" }],
    }),
    db.user.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 1000 }),
    db.user.findMany({
      where: { assignments: { some: { mode: "INDEPENDENT" } } },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: 1000,
    }),
  ]);
  return {
    stories,
    languages: languages.map((l) => l.language),
    outlets: outlets.map((o) => o.outlet!),
    labels,
    annotators,
    layerOwners,
  };
}
