/**
 * Writes prepared articles. A batch is planned with a handful of queries (no
 * query per article), then written in one transaction; when that transaction
 * fails, each article of the batch is planned and written again in its own
 * transaction, so a bad article is rejected alone. Either way an article
 * and its spans are written together or not at all.
 *
 * The steps: lookups.ts reads what exists, plan.ts decides what each line
 * does (pure), apply.ts writes it.
 */
import { audit, type AuditActor } from "../audit/log";
import type { Db } from "../db";
import type { Tx } from "../revisions/revise";
import { applyBatch } from "./apply";
import { ImportError } from "./errors";
import { lookUp } from "./lookups";
import { BatchPlan, type ArticleOutcome, type ImportActor, type WrittenOutcome } from "./plan";
import type { PreparedArticle } from "./prepare";
import type { Taxonomy } from "./taxonomy";

export type { ArticleAction, ArticleOutcome, ImportActor, WrittenOutcome } from "./plan";

export interface WriteContext {
  db: Db;
  taxonomy: Taxonomy;
  actor: ImportActor;
  /** Plan and report, write nothing. */
  dryRun?: boolean;
  /**
   * Runs inside every write transaction, after its rows, with the outcomes
   * of the articles it wrote (e.g. an audit event that must hold exactly
   * when the rows do). Throwing undoes the transaction.
   */
  onWrite?: (tx: Tx, written: WrittenOutcome[]) => Promise<void>;
  /**
   * Who to audit the writes as: each batch that writes leaves an
   * `article.import.batch` event in its own transaction, so an import that is
   * interrupted (or crashes) has an audit trail for every article it wrote.
   */
  auditActor?: AuditActor | null;
}

/**
 * Thrown by a caller's hook to stop the import where it is: the batch being
 * written is undone and not retried article by article, and the error
 * reaches importJsonl's caller as it is.
 */
export class ImportStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportStopped";
  }
}

/**
 * Called once per batch with all its outcomes: inside the batch's
 * transaction when the batch was written in one (so what it stores holds
 * exactly when the batch does), otherwise — nothing to write, a dry run, or
 * a batch written article by article — with the client, after the writes.
 */
export type BatchDone = (db: Tx | Db, outcomes: ArticleOutcome[]) => Promise<void>;

/**
 * Writes a batch; never throws for a bad article (it becomes a rejected
 * outcome). Only an ImportStopped from a hook ends it early.
 */
export async function writeArticles(
  ctx: WriteContext,
  articles: readonly PreparedArticle[],
  done?: BatchDone,
): Promise<ArticleOutcome[]> {
  if (articles.length === 0) {
    await done?.(ctx.db, []);
    return [];
  }
  try {
    return await writeTogether(ctx, articles, done);
  } catch (error) {
    if (error instanceof ImportStopped) throw error;
    const outcomes = await writeOneByOne(ctx, articles, error);
    await done?.(ctx.db, outcomes);
    return outcomes;
  }
}

async function writeOneByOne(
  ctx: WriteContext,
  articles: readonly PreparedArticle[],
  error: unknown,
): Promise<ArticleOutcome[]> {
  if (articles.length === 1) {
    // Once more after a conflict with a concurrent writer: the new plan sees its rows.
    if (isRetryable(error)) {
      try {
        return await writeTogether(ctx, articles);
      } catch (again) {
        if (again instanceof ImportStopped) throw again;
        return [rejected(articles[0]!, again)];
      }
    }
    return [rejected(articles[0]!, error)];
  }
  const outcomes: ArticleOutcome[] = [];
  for (const article of articles) outcomes.push(...(await writeArticles(ctx, [article])));
  return outcomes;
}

async function auditBatch(tx: Tx, actor: AuditActor, outcomes: readonly ArticleOutcome[]): Promise<void> {
  const written = outcomes.filter(
    (o): o is Extract<ArticleOutcome, { articleId: string }> => o.action === "imported" || o.action === "updated",
  );
  if (!written.length) return;
  await audit(tx, {
    action: "article.import.batch",
    actor,
    detail: {
      imported: written.filter((o) => o.action === "imported").map((o) => o.articleId),
      updated: written.filter((o) => o.action === "updated").map((o) => o.articleId),
      lines: written.map((o) => o.line),
    },
  });
}

function rejected(article: PreparedArticle, error: unknown): ArticleOutcome {
  const message =
    error instanceof ImportError
      ? error.message
      : `could not be written: ${(error instanceof Error ? error.message : String(error)).trim().split("\n").slice(-1)[0]!.slice(0, 300)}`;
  return { line: article.line, action: "rejected", reason: message };
}

function isRetryable(error: unknown): boolean {
  if (error instanceof ImportError) return error.code === "CONFLICT";
  const code = (error as { code?: unknown })?.code;
  return code === "P2002" || code === "P2003" || code === "P2034";
}

async function writeTogether(
  ctx: WriteContext,
  articles: readonly PreparedArticle[],
  done?: BatchDone,
): Promise<ArticleOutcome[]> {
  const batch = new BatchPlan(await lookUp(ctx.db, articles), ctx.actor.id);
  for (const article of articles) batch.add(article);
  if (!ctx.dryRun && batch.hasWrites()) {
    await ctx.db.$transaction(
      async (tx) => {
        await applyBatch(tx, batch, ctx.actor);
        const written = batch.outcomes.filter(
          (o): o is WrittenOutcome => o.action !== "rejected" && o.action !== "skipped",
        );
        if (ctx.auditActor) await auditBatch(tx, ctx.auditActor, batch.outcomes);
        if (ctx.onWrite && written.length) await ctx.onWrite(tx, written);
        await done?.(tx, batch.outcomes);
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } else await done?.(ctx.db, batch.outcomes);
  return batch.outcomes;
}
