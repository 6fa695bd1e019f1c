import type { ArticleChunk, ExportReader } from "../reader";
import type { ExportCounts, SelectionShape } from "../selection";

export interface Organization {
  name: string;
  url?: string;
}

export interface RenderContext {
  reader: ExportReader;
  counts: ExportCounts;
  /** Article chunks with every placed span's quote checked against the text. */
  chunks(): AsyncIterable<ArticleChunk>;
  /** Reports work done, for progress. */
  done(units: number, articles?: number): void;
  organization: Organization;
  /** The app's absolute base URL (APP_URL), for links to its pages (a claim's page). */
  siteUrl: string;
  csvBom: boolean;
}

export interface FormatSpec {
  id: string;
  title: string;
  extension: string;
  mediaType: string;
  /** What the progress counts. */
  unit: "spans" | "claims";
  /** Which spans and articles the format exports, given whether the filter constrains spans. */
  shape(spanCriteria: boolean): SelectionShape;
  /** The file, as text chunks. */
  render(ctx: RenderContext): AsyncIterable<string>;
}
