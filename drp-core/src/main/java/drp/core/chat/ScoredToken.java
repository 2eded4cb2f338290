package drp.core.chat;

import java.util.Objects;

/**
 * One token of a scored target.
 *
 * @param text the token's text as the model's tokenizer decodes it (a token that ends inside a
 *     multi-byte character may decode to a replacement character)
 * @param offset the index in the target of the token's first character; a token that begins in
 *     the prompt and ends in the target (the tokenizer merged across the seam) has offset 0
 * @param logprob the natural-log probability of this token given everything before it, {@code <=
 *     0}
 */
public record ScoredToken(String text, int offset, double logprob) {

    public ScoredToken {
        Objects.requireNonNull(text, "text");
        if (offset < 0) {
            throw new IllegalArgumentException("a token offset is >= 0, got " + offset);
        }
        if (Double.isNaN(logprob) || logprob > 0) {
            throw new IllegalArgumentException("a log-probability is <= 0, got " + logprob + " for '" + text + "'");
        }
    }
}
