package drp.core.grade;

import drp.core.stats.Bootstrap;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a {@link RunSummary} is computed.
 *
 * @param bootstrap       resamples, seed and confidence of every interval
 * @param tokenCutoff     token statistics are also reported without outputs longer than this
 *                        (the paper drops degenerate outputs over 12K tokens); empty for none
 * @param failureExamples how many input errors the summary quotes
 */
public record SummaryOptions(Bootstrap bootstrap, OptionalInt tokenCutoff, int failureExamples) {

    /** The paper's cutoff for degenerate outputs. */
    public static final int PAPER_TOKEN_CUTOFF = 12_000;

    public SummaryOptions {
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(tokenCutoff, "tokenCutoff");
        if (tokenCutoff.isPresent() && tokenCutoff.getAsInt() < 1) {
            throw new IllegalArgumentException("token cutoff must be >= 1, got " + tokenCutoff.getAsInt());
        }
        if (failureExamples < 0) {
            throw new IllegalArgumentException("failureExamples must be >= 0");
        }
    }

    /** Default bootstrap, the paper's 12,000-token cutoff, 20 quoted failures. */
    public static SummaryOptions defaults() {
        return new SummaryOptions(Bootstrap.defaults(), OptionalInt.of(PAPER_TOKEN_CUTOFF), 20);
    }

    public SummaryOptions withBootstrap(Bootstrap b) {
        return new SummaryOptions(b, tokenCutoff, failureExamples);
    }

    public SummaryOptions withTokenCutoff(OptionalInt cutoff) {
        return new SummaryOptions(bootstrap, cutoff, failureExamples);
    }
}
