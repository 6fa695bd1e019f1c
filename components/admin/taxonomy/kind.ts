import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/http/action";

/** What every taxonomy item has. */
export interface TaxonomyRow {
  id: string;
  key: string;
  name: string;
  color: string;
  archived: boolean;
}

type Result = Promise<ActionResult<unknown>>;

/**
 * One kind of taxonomy item (labels, verdicts): its words, its own columns
 * and form fields, and the server actions that change it. The page, tables,
 * row controls and forms are shared.
 */
export interface TaxonomyKind<Row extends TaxonomyRow, Fields> {
  /** "label": in "New label", "Add label", "Active labels…". */
  noun: string;
  /** The first column's heading ("Label"). */
  heading: string;
  /** Shown under the name in the first column. */
  describe?: (row: Row) => ReactNode;
  /** The other columns, after the first and before the row controls. */
  columns: { heading: string; cell: (row: Row) => ReactNode; className?: string }[];
  usage: (row: Row) => string;
  inUse: (row: Row) => boolean;
  /** The form's fields (not the buttons); `used` fixes what a used item may not change. */
  fields: (initial: Row | undefined, used: boolean) => ReactNode;
  read: (data: FormData) => Fields;
  actions: {
    create: (fields: Fields) => Result;
    update: (id: string, fields: Fields) => Result;
    move: (id: string, direction: "up" | "down") => Result;
    archive: (id: string) => Result;
    restore: (id: string) => Result;
    remove: (id: string) => Result;
  };
}
