/**
 * The corpus stage of `npm test` (scripts/test.ts): the shared corpus, read
 * from PARALLAX_CORPUS or ../shared/corpus beside the checkout, through the
 * same checks as the fixture corpus. The stage runs only when it is there.
 */
import { describeCorpus } from "@/tests/corpus/corpus-suite";
import { SHARED_CORPUS_DIR } from "@/tests/support/corpus-dir";

describeCorpus("shared corpus", SHARED_CORPUS_DIR);
