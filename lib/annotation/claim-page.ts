/**
 * A claim's own page (`/claims/KEY`): the statement, verdict, note, evidence
 * and claimant, and every live mention of it in every language version. Its
 * absolute URL is the `url` of the claim's ClaimReview export. A claim is
 * found by its key, or by its id when it has none.
 */
import type { Db } from "../db";

export interface ClaimMention {
  spanId: string;
  quote: string;
  prefix: string;
  suffix: string;
  orphaned: boolean;
  reviewStatus: string;
  article: {
    id: string;
    language: string;
    title: string | null;
    outlet: string | null;
    url: string | null;
    published: string | null;
    story: { key: string; title: string };
  };
}

export interface ClaimPage {
  id: string;
  key: string | null;
  statement: string;
  claimDate: string | null;
  note: string | null;
  evidenceUrls: string[];
  verdict: { key: string; name: string; value: number; color: string } | null;
  claimant: { key: string | null; name: string; label: string; wikidataQid: string | null } | null;
  createdAt: Date;
  updatedAt: Date;
  /** Mentions grouped by language (code-point order of the tag), each group in story then article order. */
  languages: { language: string; mentions: ClaimMention[] }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The path of a claim's page (by key, else by id). */
export function claimPath(claim: { key: string | null; id: string }): string {
  return `/claims/${encodeURIComponent(claim.key ?? claim.id)}`;
}

export async function loadClaimPage(db: Db, keyOrId: string): Promise<ClaimPage | null> {
  const where = UUID.test(keyOrId) ? { OR: [{ key: keyOrId }, { id: keyOrId.toLowerCase() }] } : { key: keyOrId };
  const claim = await db.claim.findFirst({
    where,
    include: {
      verdict: true,
      claimant: { include: { label: true } },
      spans: {
        where: { deletedAt: null },
        include: { article: { include: { story: true } } },
      },
    },
  });
  if (!claim) return null;
  const groups = new Map<string, ClaimMention[]>();
  const spans = [...claim.spans].sort(
    (a, b) => cmp(a.article.story.key, b.article.story.key) || cmp(a.article.id, b.article.id) || a.start - b.start,
  );
  for (const s of spans) {
    const a = s.article;
    const mention: ClaimMention = {
      spanId: s.id,
      quote: s.quote,
      prefix: s.prefix,
      suffix: s.suffix,
      orphaned: s.orphaned || s.revision !== a.revision,
      reviewStatus: s.reviewStatus,
      article: {
        id: a.id,
        language: a.language,
        title: a.title,
        outlet: a.outlet,
        url: a.url,
        published: a.publishedAt ? a.publishedAt.toISOString().slice(0, 10) : null,
        story: { key: a.story.key, title: a.story.title },
      },
    };
    const list = groups.get(a.language);
    if (list) list.push(mention);
    else groups.set(a.language, [mention]);
  }
  return {
    id: claim.id,
    key: claim.key,
    statement: claim.statement,
    claimDate: claim.claimDate ? claim.claimDate.toISOString().slice(0, 10) : null,
    note: claim.note,
    evidenceUrls: claim.evidenceUrls,
    verdict: claim.verdict && {
      key: claim.verdict.key,
      name: claim.verdict.name,
      value: claim.verdict.value,
      color: claim.verdict.color,
    },
    claimant: claim.claimant && {
      key: claim.claimant.key,
      name: claim.claimant.name,
      label: claim.claimant.label.name,
      wikidataQid: claim.claimant.wikidataQid,
    },
    createdAt: claim.createdAt,
    updatedAt: claim.updatedAt,
    languages: [...groups.keys()].sort(cmp).map((language) => ({ language, mentions: groups.get(language)! })),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
