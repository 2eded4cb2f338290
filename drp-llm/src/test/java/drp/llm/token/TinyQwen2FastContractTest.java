package drp.llm.token;

import drp.core.token.TokenCounter;
import drp.core.token.TokenCounterContract;

/** The TokenCounter contract on the pure-Java counter of the shipped tiny Qwen2 tokenizer.json. */
class TinyQwen2FastContractTest extends TokenCounterContract {

    private static final ExactTokenCounter COUNTER = ByteLevelBpeCounterTest.fast(TokenizerDirs.fixture("tiny-qwen2"));

    @Override
    protected TokenCounter counter() {
        return COUNTER;
    }
}
