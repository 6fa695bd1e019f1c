/**
 * Importing articles: JSONL in bulk (`importJsonl`), single documents
 * (`importDocument`), and what both are built from. See docs/architecture.md
 * ("How an import flows") and docs/formats.md (the format).
 */
export {
  importJsonl,
  parseLine,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
  type JsonlSource,
} from "./jsonl";
export { readSpansFile, spansMerger, type SpansFile, type SpansFileReport } from "./spans-file";
export { importDocument, type DocumentInput, type DocumentResult } from "./document";
export {
  DOCUMENT_FORMATS,
  documentToText,
  formatFromFileName,
  htmlToText,
  markdownToText,
  type DocumentFormat,
} from "./documents";
export { ImportError, isImportError, type ImportErrorCode } from "./errors";
export { MAX_BODY_BYTES, MAX_DOCUMENT_BYTES, MAX_LINE_BYTES } from "./limits";
export { canonicalLanguage } from "./language";
export type { ImportActor, ArticleOutcome } from "./write";
