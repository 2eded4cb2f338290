package drp.core.token;

/**
 * Counts characters (UTF-16 code units): the measure used when no tokenizer is given. Reports
 * name it {@code characters}, so it is never mistaken for a token count.
 */
public final class CharacterCount implements TokenCounter {

    @Override
    public String name() {
        return "characters";
    }

    @Override
    public int count(String text) {
        return text.length();
    }
}
