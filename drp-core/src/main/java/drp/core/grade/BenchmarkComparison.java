package drp.core.grade;

import com.fasterxml.jackson.annotation.JsonInclude;
import drp.core.stats.Interval;
import drp.core.stats.McNemarTest;
import drp.core.stats.WilcoxonSignedRankTest;

/**
 * Two runs compared on the problems of one benchmark that both answered. Differences are
 * {@code b - a}. See docs/statistics.md.
 *
 * @param benchmark              the benchmark's registry name
 * @param title                  its name in tables
 * @param problems               problems graded in both runs (the paired set)
 * @param onlyInA                problems graded only in run A (left out)
 * @param onlyInB                problems graded only in run B (left out)
 * @param a                      run A on the paired problems
 * @param b                      run B on the paired problems
 * @param accuracyDifference     b.accuracy - a.accuracy
 * @param accuracyDifferenceCi   its paired-bootstrap interval (problems resampled)
 * @param meanTokensDifference   b.meanTokens - a.meanTokens, null without token counts
 * @param meanTokensDifferenceCi its paired-bootstrap interval
 * @param tokensRatio            b.meanTokens / a.meanTokens
 * @param tokensRatioCi          its paired-bootstrap interval
 * @param mcnemar                exact McNemar test on the first sample of each problem
 * @param wilcoxon               Wilcoxon signed-rank test on the per-problem mean tokens, null
 *                               without token counts
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BenchmarkComparison(String benchmark, String title, int problems, int onlyInA, int onlyInB, Side a,
        Side b, double accuracyDifference, Interval accuracyDifferenceCi, Double meanTokensDifference,
        Interval meanTokensDifferenceCi, Double tokensRatio, Interval tokensRatioCi, McNemarTest mcnemar,
        WilcoxonSignedRankTest wilcoxon) {

    /**
     * One run's numbers on the paired problems.
     *
     * @param n          graded outputs
     * @param accuracy   correct / n
     * @param meanTokens mean output tokens over outputs with a known count, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Side(int n, double accuracy, Double meanTokens) {}
}
