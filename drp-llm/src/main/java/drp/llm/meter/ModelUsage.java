package drp.llm.meter;

/**
 * What one model consumed so far.
 *
 * @param model the model name
 * @param requests calls that returned an answer
 * @param failures calls that failed (each attempt of a retried call counts)
 * @param promptTokens prompt tokens, as the server reported them
 * @param completionTokens generated tokens, as the server reported them
 * @param cost in US dollars, by the price table
 */
public record ModelUsage(String model, long requests, long failures, long promptTokens, long completionTokens,
        double cost) {}
