import { createHash } from "node:crypto";

/** SHA-256 of the normalized text, hex: identifies an article's content. */
export function contentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
