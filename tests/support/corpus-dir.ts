/**
 * The two test corpora, in one place.
 *
 * - The fixture corpus (tests/fixtures/corpus): the project's own original
 *   text, two stories in six language versions with gold spans. Every test
 *   reads it by default, so a clone with nothing beside it runs the suite.
 * - The shared corpus: real published news text that is never copied into
 *   the project, read from `PARALLAX_CORPUS` when set, otherwise from
 *   `../shared/corpus` beside the checkout. Only the `corpus` stage of
 *   `npm test` reads it, and only when it is there.
 *
 * Both have the same format (articles.jsonl and gold-spans.jsonl, see
 * tests/fixtures/corpus/README.md).
 */
import { existsSync } from "node:fs";
import path from "node:path";

export const FIXTURE_CORPUS_DIR = path.resolve(import.meta.dirname, "..", "fixtures", "corpus");

export const SHARED_CORPUS_DIR =
  process.env.PARALLAX_CORPUS || path.resolve(import.meta.dirname, "..", "..", "..", "shared", "corpus");

/** Whether the shared corpus is where it should be. */
export function hasSharedCorpus(): boolean {
  return existsSync(path.join(SHARED_CORPUS_DIR, "articles.jsonl"));
}

/** The path of one file of a corpus (the fixture corpus by default); a clear error when it is missing. */
export function corpusFile(name: string, dir: string = FIXTURE_CORPUS_DIR): string {
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    throw new Error(
      dir === FIXTURE_CORPUS_DIR
        ? `The fixture corpus is missing: ${file} does not exist.`
        : `The shared test corpus is missing: ${file} does not exist. ` +
            "Put the corpus in ../shared/corpus beside the checkout or set PARALLAX_CORPUS to its folder.",
    );
  }
  return file;
}
