package drp.llm.token;

import drp.core.token.TokenCounter;
import drp.core.token.TokenCounterContract;

/** The TokenCounter contract on the full Qwen2 tokenizer, assembled from vocab.json + merges.txt. */
class Qwen2ContractTest extends TokenCounterContract {

    @Override
    protected TokenCounter counter() {
        return TokenizerDirs.qwen2FromVocabAndMerges();
    }
}
