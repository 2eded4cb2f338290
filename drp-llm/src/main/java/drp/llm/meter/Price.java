package drp.llm.meter;

import drp.core.chat.Usage;

/**
 * What a model costs, in US dollars per million tokens, as providers list it.
 *
 * @param inputPerMillion per million prompt tokens
 * @param outputPerMillion per million generated tokens
 */
public record Price(double inputPerMillion, double outputPerMillion) {

    /** A model that costs nothing per token (a local server). */
    public static final Price FREE = new Price(0, 0);

    public Price {
        if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0)
                || Double.isInfinite(inputPerMillion) || Double.isInfinite(outputPerMillion)) {
            throw new IllegalArgumentException(
                    "prices are finite and >= 0, got input " + inputPerMillion + " and output " + outputPerMillion);
        }
    }

    public double cost(long promptTokens, long completionTokens) {
        return (promptTokens * inputPerMillion + completionTokens * outputPerMillion) / 1_000_000.0;
    }

    public double cost(Usage usage) {
        return cost(usage.promptTokens(), usage.completionTokens());
    }

    /** This price times {@code factor}, e.g. 0.5 for the Batch API's discount. */
    public Price times(double factor) {
        return new Price(inputPerMillion * factor, outputPerMillion * factor);
    }

    public boolean isFree() {
        return inputPerMillion == 0 && outputPerMillion == 0;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "$%.4g/$%.4g per M tokens (in/out)", inputPerMillion, outputPerMillion);
    }
}
