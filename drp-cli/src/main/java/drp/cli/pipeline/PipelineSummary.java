package drp.cli.pipeline;

import drp.core.align.VariantAlignment;
import drp.core.stats.Correlation;
import com.fasterxml.jackson.annotation.JsonInclude;
import drp.core.grade.RunSummary;
import drp.core.sft.BuildSummary;
import drp.core.stage.PruneSummary;
import drp.core.stats.Interval;
import drp.core.stats.Spread;
import java.util.List;
import java.util.Map;

/**
 * A pipeline run's summary.json. Every key is always written (null where a number is undefined).
 * Accuracies are fractions in [0, 1]; intervals are 95% percentile-bootstrap intervals with the
 * problems resampled (all of a problem's answers come along); p-values are paired tests against
 * the base student on the same problems.
 *
 * @param pipeline     the pipeline's name
 * @param student      the base student's endpoint
 * @param mainArm      the arm whose row is the paper's DRP row
 * @param benchmarks   per benchmark, per model: its figures
 * @param ownTraces    the student's own traces (the sample stage)
 * @param pruning      per arm that prunes, its prune summary
 * @param training     per arm, its build summary (examples in, written, dropped by reason)
 * @param alignment    per arm (and {@code original}, the student's own traces before pruning), how
 *                     likely the base student finds its training targets; empty without the align stage
 * @param alignmentAccuracy per benchmark, the correlation over arms between their alignment score
 *                     (mean NLL) and their accuracy after fine-tuning; absent with fewer than 3 arms scored
 * @param seconds      wall time per stage of this run directory, summed over its runs
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PipelineSummary(String pipeline, String student, String mainArm,
                              Map<String, Map<String, ModelRow>> benchmarks, OwnTraces ownTraces,
                              Map<String, PruneSummary> pruning, Map<String, BuildSummary> training,
                              Map<String, VariantAlignment> alignment, Map<String, Correlation> alignmentAccuracy,
                              Map<String, Double> seconds) {

    /**
     * One model on one benchmark: sampled answers over all seeds, and greedy answers.
     *
     * @param label               its name in tables
     * @param n                   sampled answers graded (problems times seeds times samples)
     * @param perSeed             accuracy and mean tokens of each seed
     * @param tokenReduction      {@code 1 - meanTokens / base meanTokens} (null for the base student)
     * @param tokenReductionCi    its interval (paired bootstrap)
     * @param accuracyDifference  accuracy minus the base student's
     * @param pValues             paired tests against the base student
     * @param greedy              the greedy answers, or null when not evaluated
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ModelRow(String label, int n, Double accuracy, Interval accuracyCi, Double meanTokens,
                           Interval meanTokensCi, List<RunSummary.Group> perSeed, Spread accuracyOverSeeds,
                           Spread meanTokensOverSeeds, Double tokenReduction, Interval tokenReductionCi,
                           Double accuracyDifference, Interval accuracyDifferenceCi, PValues pValues, Greedy greedy) {}

    /** Greedy answers: one per problem. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Greedy(int n, Double accuracy, Interval accuracyCi, Double meanTokens, Interval meanTokensCi,
                         Double tokenReduction, PValues pValues) {}

    /**
     * Paired tests of a model against another on the same problems.
     *
     * @param mcnemar  exact McNemar test on the first answer of each problem (accuracy)
     * @param wilcoxon Wilcoxon signed-rank test on per-problem mean tokens
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PValues(Double mcnemar, Double wilcoxon) {}

    /**
     * The student's own traces on the training problems.
     *
     * @param n          traces sampled
     * @param correct    of them, correct
     * @param meanTokens their mean length in tokens
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OwnTraces(int n, int correct, double meanTokens) {}
}
