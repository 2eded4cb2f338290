package drp.llm.token;

import drp.core.token.TokenCounter;
import drp.core.token.TokenCounterContract;

/** The TokenCounter contract on the shipped tiny Qwen2 tokenizer.json. */
class TinyQwen2ContractTest extends TokenCounterContract {

    private static final HuggingFaceTokenCounter COUNTER = TokenizerLoader.loadHuggingFace(TokenizerDirs.fixture("tiny-qwen2"));

    @Override
    protected TokenCounter counter() {
        return COUNTER;
    }
}
