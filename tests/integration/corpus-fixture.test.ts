import { describeCorpus } from "@/tests/corpus/corpus-suite";
import { FIXTURE_CORPUS_DIR } from "@/tests/support/corpus-dir";

describeCorpus("fixture corpus", FIXTURE_CORPUS_DIR);
