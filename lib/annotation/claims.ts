/**
 * Canonical claims: one normalized statement, stated in any number of spans
 * across languages, with its claimant (an entity), date, verdict from the
 * admin-managed rating scale, editor's note and evidence URLs.
 */
import type { Db } from "../db";
import { AppError, notFound, versionConflict } from "../errors";
import { CLAIM_SELECT, claimDTO, type ClaimDTO } from "./dto";
import type { ClaimCreateInput, ClaimUpdateInput } from "./schemas";

export interface ClaimSearch {
  q?: string;
  /** Claims of this story: attached to it, or stated in one of its articles. */
  storyId?: string;
  limit?: number;
}

export async function getClaim(db: Db, id: string): Promise<ClaimDTO> {
  const row = await db.claim.findUnique({ where: { id }, select: CLAIM_SELECT });
  if (!row) throw notFound("The claim");
  return claimDTO(row);
}

export async function searchClaims(db: Db, search: ClaimSearch): Promise<ClaimDTO[]> {
  const limit = Math.min(Math.max(search.limit ?? 20, 1), 100);
  const q = (search.q ?? "").normalize("NFC").trim();
  const storyId = search.storyId ?? null;
  // Claims are few per story; the fold runs on the rows the story filter leaves.
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT c.id::text FROM "Claim" c
    WHERE (${storyId}::uuid IS NULL OR c."storyId" = ${storyId}::uuid OR EXISTS (
        SELECT 1 FROM "Span" s JOIN "Article" a ON a.id = s."articleId"
        WHERE s."claimId" = c.id AND s."deletedAt" IS NULL AND a."storyId" = ${storyId}::uuid))
      AND (${q} = '' OR strpos(parallax_fold(c.statement), parallax_fold(${q})) > 0)
    ORDER BY c."updatedAt" DESC, c.id
    LIMIT ${limit}`;
  if (!rows.length) return [];
  const claims = await db.claim.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: CLAIM_SELECT });
  const order = new Map(rows.map((r, i) => [r.id, i]));
  return claims.sort((a, b) => order.get(a.id)! - order.get(b.id)!).map(claimDTO);
}

async function checkRefs(
  db: Db,
  input: { storyId?: string | null; claimantId?: string | null; verdictId?: string | null },
  current?: { verdictId: string | null },
) {
  if (input.storyId && !(await db.story.findUnique({ where: { id: input.storyId }, select: { id: true } }))) {
    throw new AppError("UNKNOWN_STORY", `Story ${input.storyId} does not exist.`, 400);
  }
  if (input.claimantId && !(await db.entity.findUnique({ where: { id: input.claimantId }, select: { id: true } }))) {
    throw new AppError("UNKNOWN_ENTITY", `The claimant (entity ${input.claimantId}) does not exist.`, 400);
  }
  if (input.verdictId) {
    const verdict = await db.verdictRating.findUnique({ where: { id: input.verdictId } });
    if (!verdict) throw new AppError("UNKNOWN_VERDICT", `Verdict ${input.verdictId} does not exist.`, 400);
    // A claim may keep a verdict that was archived later, but not be given one.
    if (verdict.archived && current?.verdictId !== verdict.id) {
      throw new AppError("VERDICT_ARCHIVED", `The verdict "${verdict.name}" is archived; choose another.`, 400);
    }
  }
}

const unique = (urls: readonly string[] = []) => [...new Set(urls)];

const date = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(`${value}T00:00:00Z`);

export async function createClaim(db: Db, input: ClaimCreateInput): Promise<ClaimDTO> {
  await checkRefs(db, input);
  const row = await db.claim.create({
    data: {
      statement: input.statement,
      storyId: input.storyId ?? null,
      claimantId: input.claimantId ?? null,
      claimDate: date(input.claimDate) ?? null,
      verdictId: input.verdictId ?? null,
      note: input.note ?? null,
      evidenceUrls: unique(input.evidenceUrls),
    },
    select: CLAIM_SELECT,
  });
  return claimDTO(row);
}

/**
 * Changes a claim, if it is still at `input.baseVersion` (else a
 * VERSION_CONFLICT with the claim as it is now: nothing is overwritten).
 */
export async function updateClaim(db: Db, id: string, input: ClaimUpdateInput): Promise<ClaimDTO> {
  const current = await db.claim.findUnique({ where: { id }, select: { verdictId: true, version: true } });
  if (!current) throw notFound("The claim");
  if (current.version !== input.baseVersion) throw await claimConflict(db, id, input.baseVersion);
  await checkRefs(db, input, current);
  const { count } = await db.claim.updateMany({
    where: { id, version: input.baseVersion },
    data: {
      statement: input.statement,
      storyId: input.storyId,
      claimantId: input.claimantId,
      claimDate: date(input.claimDate),
      verdictId: input.verdictId,
      note: input.note,
      evidenceUrls: input.evidenceUrls === undefined ? undefined : unique(input.evidenceUrls),
      version: { increment: 1 },
    },
  });
  if (count === 0) throw await claimConflict(db, id, input.baseVersion);
  return getClaim(db, id);
}

async function claimConflict(db: Db, id: string, baseVersion: number): Promise<AppError> {
  return versionConflict("claim", baseVersion, await getClaim(db, id));
}
