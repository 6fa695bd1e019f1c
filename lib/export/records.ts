/** The rows an export reads, as the serializers see them. Times are ISO strings (UTC, milliseconds). */

export interface ArticleRecord {
  id: string;
  externalId: string | null;
  story: string;
  storyTitle: string;
  language: string;
  title: string | null;
  outlet: string | null;
  author: string | null;
  url: string | null;
  /** `YYYY-MM-DD` */
  published: string | null;
  status: string;
  revision: number;
  contentHash: string;
  /** Length in code points. */
  length: number;
  text: string;
}

export interface SpanRecord {
  id: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  kind: "ENTITY" | "CLAIM";
  label: string | null;
  entityId: string | null;
  claimId: string | null;
  reviewStatus: string;
  orphaned: boolean;
  /** The article revision the offsets refer to. */
  revision: number;
  source: string;
  version: number;
  createdById: string | null;
  createdBy: string | null;
  createdByName: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** SHARED, ANNOTATOR or CURATED. */
  layer: string;
  /** E-mails: the annotator whose layer it is; who proposed and who accepted a curated span. */
  annotator: string | null;
  proposedBy: string | null;
  acceptedBy: string | null;
  /** The annotator span a curated span was taken from. */
  sourceSpanId: string | null;
}

export interface EntityRecord {
  id: string;
  key: string | null;
  name: string;
  label: string;
  wikidataQid: string | null;
  description: string | null;
  aliases: { language: string; alias: string }[];
}

export interface VerdictRecord {
  key: string;
  name: string;
  value: number;
}

export interface ClaimRecord {
  id: string;
  key: string | null;
  statement: string;
  claimantId: string | null;
  /** `YYYY-MM-DD` */
  claimDate: string | null;
  verdict: VerdictRecord | null;
  note: string | null;
  evidenceUrls: string[];
  createdAt: string;
  updatedAt: string;
}

/** Whether a span's offsets refer to the article's current text. */
export function isPlaced(span: SpanRecord, article: Pick<ArticleRecord, "revision">): boolean {
  return !span.orphaned && span.revision === article.revision;
}

/** The key an entity or claim is exported under: its key, else its id. */
export function exportKey(item: { key: string | null; id: string }): string {
  return item.key ?? item.id;
}
