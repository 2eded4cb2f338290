package drp.tiny.token;

import drp.core.token.TokenCounter;
import drp.core.token.TokenCounterContract;
import drp.tiny.TinyFixtures;

/** drp-core's contract for every TokenCounter, run on the embedded student's tokenizer. */
class TinyTokenCounterContractTest extends TokenCounterContract {

    @Override
    protected TokenCounter counter() {
        return TinyFixtures.tokenizer();
    }
}
