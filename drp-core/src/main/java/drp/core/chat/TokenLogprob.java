package drp.core.chat;

import java.util.List;
import java.util.Objects;

/**
 * The log-probability of one generated token and, when asked for, the most likely alternatives at
 * its position (whose own {@code top} is empty).
 */
public record TokenLogprob(String token, double logprob, List<TokenLogprob> top) {
    public TokenLogprob {
        Objects.requireNonNull(token, "token");
        if (Double.isNaN(logprob) || logprob > 0) {
            throw new IllegalArgumentException("a log-probability is <= 0, got " + logprob + " for '" + token + "'");
        }
        top = top == null ? List.of() : List.copyOf(top);
    }
}
