package drp.core.token;

/** The TokenCounter contract on the fallback counter used when no tokenizer is given. */
class CharacterCountContractTest extends TokenCounterContract {

    private static final TokenCounter CHARACTERS = new CharacterCount();

    @Override
    protected TokenCounter counter() {
        return CHARACTERS;
    }
}
