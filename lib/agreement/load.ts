/**
 * Reads what the agreement report needs from the database: the articles in
 * scope, their independent annotators (assigned, or owning spans in their own
 * layer, e.g. imported), those annotators' spans with label, links and claim
 * verdicts, and the names of linked entities and claims.
 */
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { agreementReport, type AgreementInput, type AgreementReport } from "./report";

export interface AgreementScope {
  /** Stories by key (one story, or a selection). */
  storyKeys?: readonly string[];
  /** Or articles by id. */
  articleIds?: readonly string[];
  /** Only these language versions. */
  languages?: readonly string[];
}

export interface ScopedReport extends AgreementReport {
  scope: { stories: string[]; languages: string[]; articles: number };
}

export async function loadAgreementInput(db: Db, scope: AgreementScope): Promise<AgreementInput> {
  if (!scope.storyKeys?.length && !scope.articleIds?.length) {
    throw new AppError("INVALID_INPUT", "Name a story (or stories, or articles).", 400);
  }
  const articles = await db.article.findMany({
    where: {
      ...(scope.storyKeys?.length ? { story: { key: { in: [...scope.storyKeys] } } } : {}),
      ...(scope.articleIds?.length ? { id: { in: [...scope.articleIds] } } : {}),
      ...(scope.languages?.length ? { language: { in: [...scope.languages] } } : {}),
    },
    select: {
      id: true,
      language: true,
      length: true,
      story: { select: { key: true } },
      assignments: { where: { mode: "INDEPENDENT" }, select: { userId: true } },
    },
  });
  if (!articles.length) throw notFound("The story");
  const articleIds = articles.map((a) => a.id);
  const spans = await db.span.findMany({
    where: { articleId: { in: articleIds }, layer: "ANNOTATOR", deletedAt: null, labelId: { not: null } },
    select: {
      articleId: true,
      layerOwnerId: true,
      start: true,
      end: true,
      kind: true,
      entityId: true,
      claimId: true,
      label: { select: { key: true } },
      claim: { select: { verdict: { select: { value: true } } } },
    },
  });
  const annotatorsOf = new Map(articles.map((a) => [a.id, new Set(a.assignments.map((x) => x.userId))]));
  for (const s of spans) annotatorsOf.get(s.articleId)!.add(s.layerOwnerId!);
  const userIds = [...new Set([...annotatorsOf.values()].flatMap((set) => [...set]))];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  users.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));

  const entityIds = [...new Set(spans.map((s) => s.entityId).filter((x): x is string => !!x))];
  const claimIds = [...new Set(spans.map((s) => s.claimId).filter((x): x is string => !!x))];
  const [entities, claims] = await Promise.all([
    db.entity.findMany({ where: { id: { in: entityIds } }, select: { id: true, name: true } }),
    db.claim.findMany({ where: { id: { in: claimIds } }, select: { id: true, statement: true } }),
  ]);
  return {
    articles: articles.map((a) => ({
      id: a.id,
      storyKey: a.story.key,
      language: a.language,
      length: a.length,
      annotators: [...annotatorsOf.get(a.id)!],
    })),
    annotators: users,
    spans: spans.map((s) => ({
      articleId: s.articleId,
      annotatorId: s.layerOwnerId!,
      start: s.start,
      end: s.end,
      label: s.label!.key,
      kind: s.kind,
      entityId: s.entityId,
      claimId: s.claimId,
      verdict: s.claim?.verdict?.value ?? null,
    })),
    names: new Map([
      ...entities.map((e) => [e.id, e.name] as const),
      ...claims.map((c) => [c.id, c.statement] as const),
    ]),
  };
}

/** The agreement report for a scope, with the scope it covers. */
export async function loadAgreementReport(db: Db, scope: AgreementScope): Promise<ScopedReport> {
  const input = await loadAgreementInput(db, scope);
  const report = agreementReport(input);
  return {
    scope: {
      stories: [...new Set(input.articles.map((a) => a.storyKey))].sort(),
      languages: report.languages,
      articles: input.articles.length,
    },
    ...report,
  };
}

/**
 * Refuses the report to someone still annotating independently in its scope:
 * it would show them the others' work before they are done.
 */
export async function assertMayReadAgreement(db: Db, userId: string, scope: AgreementScope): Promise<void> {
  const open = await db.assignment.findFirst({
    where: {
      userId,
      mode: "INDEPENDENT",
      status: { not: "DONE" },
      article: {
        ...(scope.storyKeys?.length ? { story: { key: { in: [...scope.storyKeys] } } } : {}),
        ...(scope.articleIds?.length ? { id: { in: [...scope.articleIds] } } : {}),
      },
    },
    select: { id: true },
  });
  if (open) {
    throw new AppError(
      "ASSIGNMENT_OPEN",
      "You are annotating this story independently: mark your assignment done to see the agreement.",
      403,
    );
  }
}
