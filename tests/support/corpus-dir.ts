/**
 * Where the shared test corpus lives: `PARALLAX_CORPUS` when set, otherwise
 * `../shared/corpus` beside the checkout (DEVELOPERS.md). Tests read it from
 * there and never copy its text into the project.
 */
import { existsSync } from "node:fs";
import path from "node:path";

export const CORPUS_DIR =
  process.env.PARALLAX_CORPUS ?? path.resolve(import.meta.dirname, "..", "..", "..", "shared", "corpus");

/** The path of one corpus file; a clear error when the corpus is not where it should be. */
export function corpusFile(name: string): string {
  const file = path.join(CORPUS_DIR, name);
  if (!existsSync(file)) {
    throw new Error(
      `The shared test corpus is missing: ${file} does not exist. ` +
        "Put the corpus in ../shared/corpus beside the checkout or set PARALLAX_CORPUS to its folder.",
    );
  }
  return file;
}
