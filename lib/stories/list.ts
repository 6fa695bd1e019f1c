import type { Db } from "../db";

export interface StorySummary {
  id: string;
  key: string;
  title: string;
  updatedAt: Date;
  articles: { id: string; language: string; title: string | null; outlet: string | null }[];
}

/** Stories, most recently updated first, with their language versions. */
export async function listStories(db: Db, { take = 50 }: { take?: number } = {}): Promise<StorySummary[]> {
  return db.story.findMany({
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      key: true,
      title: true,
      updatedAt: true,
      articles: { select: { id: true, language: true, title: true, outlet: true }, orderBy: { language: "asc" } },
    },
  });
}
