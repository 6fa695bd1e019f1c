/**
 * Import of one document — pasted text or an uploaded .txt, .md or .html
 * file — as one language version of a story.
 */
import type { Db } from "../db";
import { documentToText, type DocumentFormat, DOCUMENT_FORMATS } from "./documents";
import { ImportError } from "./errors";
import { MAX_DOCUMENT_BYTES, describeBytes } from "./limits";
import { prepareArticle } from "./prepare";
import { describeIssues, importLineSchema } from "./schema";
import { loadTaxonomy } from "./taxonomy";
import { writeArticles, type ArticleAction, type ImportActor } from "./write";

export interface DocumentInput {
  format: DocumentFormat;
  /** The document: a string, or the uploaded bytes (UTF-8). */
  content: string | Uint8Array;
  /** BCP 47 tag of the document's language. */
  language: string;
  /** The story to add the version to (created when the key is new); default: derived like a JSONL line's. */
  story?: { key: string; title?: string };
  /** Metadata; `title` defaults to the document's own (HTML <title> or first <h1>, Markdown's first heading). */
  title?: string | null;
  outlet?: string | null;
  author?: string | null;
  url?: string | null;
  /** ISO date, e.g. "2024-01-11". */
  published?: string | null;
  externalId?: string | null;
}

export interface DocumentResult {
  /** "updated"/"skipped" when the external id, or the same text in the same story, already exists. */
  action: ArticleAction;
  articleId: string;
  storyId: string;
  /** Code points of the stored text. */
  length: number;
  warnings: string[];
}

/**
 * Imports one document. Throws ImportError (UNSUPPORTED_FORMAT, NOT_UTF8,
 * TOO_LARGE, EMPTY_TEXT, INVALID_LANGUAGE, INVALID_INPUT, CONFLICT) with a
 * message fit for the person who sent it.
 */
export async function importDocument(
  db: Db,
  input: DocumentInput,
  { actor = { id: null }, dryRun = false }: { actor?: ImportActor; dryRun?: boolean } = {},
): Promise<DocumentResult> {
  if (!(DOCUMENT_FORMATS as readonly string[]).includes(input.format)) {
    throw new ImportError("UNSUPPORTED_FORMAT", `unsupported format ${JSON.stringify(input.format)} (txt, md or html)`);
  }
  const size = typeof input.content === "string" ? Buffer.byteLength(input.content) : input.content.byteLength;
  if (size > MAX_DOCUMENT_BYTES) {
    throw new ImportError(
      "TOO_LARGE",
      `the document is too large: ${describeBytes(size)}; the limit is ${describeBytes(MAX_DOCUMENT_BYTES)}`,
    );
  }
  const content = decode(input.content);
  const { text, title } = documentToText(input.format, content);

  const line = importLineSchema.safeParse({
    external_id: input.externalId ?? null,
    story: input.story?.key ?? null,
    story_title: input.story?.title ?? null,
    language: input.language,
    title: input.title ?? title,
    outlet: input.outlet ?? null,
    author: input.author ?? null,
    url: input.url ?? null,
    published: input.published ?? null,
    text,
  });
  if (!line.success) throw new ImportError("INVALID_INPUT", describeIssues(line.error));
  const taxonomy = await loadTaxonomy(db, { dryRun });
  const prepared = prepareArticle(1, line.data, {
    taxonomy,
    storyKey: input.story?.key,
    storyTitle: input.story?.title,
  });
  if (!prepared.ok) throw new ImportError(prepared.code, prepared.reason);

  const [outcome] = await writeArticles({ db, taxonomy, actor, dryRun }, [prepared.article]);
  if (!outcome) throw new Error("no outcome");
  if (outcome.action === "rejected") throw new ImportError("CONFLICT", outcome.reason);
  return {
    action: outcome.action,
    articleId: outcome.articleId,
    storyId: outcome.storyId,
    length: prepared.article.length,
    warnings: outcome.warnings,
  };
}

function decode(content: string | Uint8Array): string {
  if (typeof content === "string") return content;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    throw new ImportError("NOT_UTF8", "the document is not valid UTF-8; save it as UTF-8 and try again");
  }
}
