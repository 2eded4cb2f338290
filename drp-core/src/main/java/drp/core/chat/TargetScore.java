package drp.core.chat;

import java.util.List;
import java.util.Objects;

/**
 * A model's log-probabilities of a scored target ({@link ScoreRequest}), token by token in order.
 * Negative log-likelihoods (NLL) are in nats: a mean NLL of 0.1 means the model gave the average
 * token of the target a probability of about {@code e^-0.1 = 0.90}.
 *
 * @param model the model name as the engine reported it
 * @param tokens the target's tokens with their log-probabilities; at least one
 * @param usage the tokens the call consumed as the engine reports them: prompt and target count as
 *     prompt tokens (they are read, not generated), so metering and budgets price a score like the
 *     prompt of a call; {@link Usage#NONE} when the engine reports nothing
 */
public record TargetScore(String model, List<ScoredToken> tokens, Usage usage) {

    public TargetScore {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a scored target has at least one token");
        }
        for (int i = 1; i < tokens.size(); i++) {
            if (tokens.get(i).offset() < tokens.get(i - 1).offset()) {
                throw new IllegalArgumentException("token offsets go back at token " + i + ": "
                        + tokens.get(i - 1).offset() + " then " + tokens.get(i).offset());
            }
        }
    }

    /** A score whose engine reports no usage. */
    public TargetScore(String model, List<ScoredToken> tokens) {
        this(model, tokens, Usage.NONE);
    }

    /** How many tokens the target is, in the model's tokenizer. */
    public int tokenCount() {
        return tokens.size();
    }

    /** The target's total negative log-likelihood: minus the log-probability of the whole text. */
    public double totalNll() {
        double sum = 0;
        for (ScoredToken t : tokens) {
            sum -= t.logprob();
        }
        return sum;
    }

    /** The mean negative log-likelihood per token. */
    public double meanNll() {
        return totalNll() / tokens.size();
    }

    /**
     * The mean NLL of the tokens that begin in {@code [from, to)} of the target, e.g. one step of a
     * trace; {@code NaN} when no token begins there.
     */
    public double meanNll(int from, int to) {
        double sum = 0;
        int n = 0;
        for (ScoredToken t : tokens) {
            if (t.offset() >= from && t.offset() < to) {
                sum -= t.logprob();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
