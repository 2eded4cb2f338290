package drp.core.align;

import drp.core.stats.Interval;

/**
 * How well one variant's targets fit the student, over all its candidates: the alignment score of
 * an arm of the ablation.
 *
 * @param variant          the variant
 * @param candidates       candidates scored
 * @param meanTokens       their mean length in the student's tokens
 * @param meanNll          the mean over candidates of their mean NLL per token: the alignment
 *                         score (lower is closer to what the student writes)
 * @param meanNllInterval  its 95% bootstrap interval over candidates
 * @param pooledNll        total NLL over total tokens (long targets weigh more)
 * @param steps            steps scored
 * @param surprisingShare  the share of steps whose mean NLL is above the surprise threshold
 */
public record VariantAlignment(String variant, int candidates, double meanTokens, double meanNll,
                               Interval meanNllInterval, double pooledNll, int steps, double surprisingShare) {}
