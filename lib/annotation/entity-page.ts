/** What an entity's page shows: the entity, where it is mentioned (per story), and the claims it made. */
import type { Db } from "../db";
import { ENTITY_SELECT, entityDTO, type EntityDTO } from "./dto";

export interface EntityPage {
  entity: EntityDTO;
  labelName: string;
  stories: { key: string; title: string; languages: string[]; mentions: number }[];
  claims: { id: string; key: string | null; statement: string }[];
}

export async function loadEntityPage(db: Db, id: string): Promise<EntityPage | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const row = await db.entity.findUnique({
    where: { id },
    select: { ...ENTITY_SELECT, label: { select: { key: true, name: true } } },
  });
  if (!row) return null;
  const [stories, claims] = await Promise.all([
    db.$queryRaw<EntityPage["stories"]>`
      SELECT st.key, st.title, array_agg(DISTINCT a.language ORDER BY a.language) AS languages,
             count(*)::int AS mentions
      FROM "Span" s JOIN "Article" a ON a.id = s."articleId" JOIN "Story" st ON st.id = a."storyId"
      WHERE s."entityId" = ${id}::uuid AND s."deletedAt" IS NULL
      GROUP BY st.id ORDER BY st.title, st.key`,
    db.claim.findMany({
      where: { claimantId: id },
      select: { id: true, key: true, statement: true },
      orderBy: { createdAt: "asc" },
      take: 100,
    }),
  ]);
  return { entity: entityDTO(row), labelName: row.label.name, stories, claims };
}
