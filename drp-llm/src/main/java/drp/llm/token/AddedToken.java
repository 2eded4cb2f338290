package drp.llm.token;

import java.util.Objects;

/**
 * A string that the tokenizer matches whole, before the BPE model sees the text: a special
 * token such as {@code <｜end▁of▁sentence｜>} or an added one such as {@code <think>}. Mirrors an
 * entry of {@code tokenizer.json}'s {@code added_tokens}.
 *
 * <p>It has no id of its own here: as in the {@code tokenizers} library, it gets the
 * vocabulary's id for its string, or else the next id after the vocabulary and the tokens added
 * before it (so a config's ids are kept when they follow the vocabulary without gaps, as
 * Qwen2's and DeepSeek-R1-Distill's do).
 *
 * @param content the exact string
 * @param special whether it is a special (control) token
 * @param lstrip whether it absorbs the whitespace on its left
 * @param rstrip whether it absorbs the whitespace on its right
 * @param normalized whether it is matched in the normalized text rather than the raw text
 * @param singleWord whether it only matches as a whole word
 */
record AddedToken(
        String content, boolean special, boolean lstrip, boolean rstrip, boolean normalized,
        boolean singleWord) {

    AddedToken {
        Objects.requireNonNull(content, "content");
        if (content.isEmpty()) {
            throw new IllegalArgumentException("an added token cannot be empty");
        }
    }

    /** A special token given by its string alone, with {@code transformers}' defaults for it. */
    static AddedToken special(String content) {
        return new AddedToken(content, true, false, false, false, false);
    }
}
