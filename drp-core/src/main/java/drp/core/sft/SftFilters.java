package drp.core.sft;

/**
 * Which pruned traces become training examples; each filter that drops an example counts it
 * under its own reason in the build summary.
 *
 * @param answerPreserved keep only traces whose pruned text states the original answer
 * @param matchesGold     keep only traces whose answer equals the gold answer (a trace without a
 *                        gold answer is dropped as {@code no_gold})
 * @param minTokens       the fewest tokens of an assistant reply, or 0
 * @param maxTokens       the most tokens of an assistant reply (e.g. the trainer's cutoff), or 0
 *                        for no bound; a longer example is dropped, never truncated
 * @param dedup           drop an example whose question and reply equal an earlier one's
 */
public record SftFilters(boolean answerPreserved, boolean matchesGold, int minTokens, int maxTokens, boolean dedup) {

    /** The paper's: answer kept and correct, no length bound, duplicates dropped. */
    public static final SftFilters DEFAULT = new SftFilters(true, true, 0, 0, true);

    public SftFilters {
        if (minTokens < 0 || maxTokens < 0) {
            throw new IllegalArgumentException("token bounds must be >= 0, got " + minTokens + " and " + maxTokens);
        }
        if (maxTokens > 0 && minTokens > maxTokens) {
            throw new IllegalArgumentException("min_tokens " + minTokens + " is above max_tokens " + maxTokens);
        }
    }
}
