package drp.cli.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import drp.core.grade.RunSummary;
import drp.core.stage.PruneSummary;
import drp.core.stats.Interval;
import drp.core.stats.Spread;
import java.util.List;
import java.util.Map;

/**
 * The demo's summary.json. Every key is always written (null where a number is undefined).
 * Accuracies are fractions in [0, 1]; intervals are 95% percentile-bootstrap intervals with the
 * test problems resampled (all of a problem's answers come along); p-values are paired tests
 * against the base student on the same problems.
 *
 * @param mode             {@code full} or {@code quick}
 * @param base             where the base student came from
 * @param testProblems     test problems every model answered
 * @param seeds            the evaluation seeds (one sampled answer per problem and seed)
 * @param sampling         how answers were sampled
 * @param models           per model: {@code base}, {@code drp}, and the ablation rows
 * @param tokenReduction   DRP's mean-token reduction against the base student, {@code 1 - drp / base}
 * @param tokenReductionCi its interval
 * @param pValues          DRP against the base student
 * @param ownTraces        the base student's own traces on training problems
 * @param pruning          per pruning variant, the prune summary of the correct own traces
 * @param trainingExamples per fine-tuned model, the examples it learned from
 * @param seconds          wall time per phase, and in total
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DemoSummary(String mode, String base, int testProblems, List<Long> seeds, String sampling,
                          Map<String, ModelRow> models, Double tokenReduction, Interval tokenReductionCi,
                          PValues pValues, OwnTraces ownTraces, Map<String, PruneSummary> pruning,
                          Map<String, Integer> trainingExamples, Map<String, Double> seconds) {

    /**
     * One model on the test split: sampled answers over all seeds, and greedy answers.
     *
     * @param label               its name in tables
     * @param trainedOn           what it was fine-tuned on (null for the base student)
     * @param n                   sampled answers graded (problems times seeds)
     * @param accuracy            correct / n
     * @param accuracyCi          its interval
     * @param meanTokens          mean output tokens
     * @param meanTokensCi        its interval
     * @param perSeed             accuracy and mean tokens of each seed
     * @param accuracyOverSeeds   mean and standard deviation of the per-seed accuracies
     * @param meanTokensOverSeeds mean and standard deviation of the per-seed mean tokens
     * @param tokenReduction      {@code 1 - meanTokens / base meanTokens} (null for the base student)
     * @param tokenReductionCi    its interval (paired bootstrap)
     * @param accuracyDifference  accuracy minus the base student's
     * @param accuracyDifferenceCi its interval (paired bootstrap)
     * @param pValues             paired tests against the base student
     * @param greedy              the greedy answers, or null when not evaluated
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ModelRow(String label, String trainedOn, int n, Double accuracy, Interval accuracyCi,
                           Double meanTokens, Interval meanTokensCi, List<RunSummary.Group> perSeed,
                           Spread accuracyOverSeeds, Spread meanTokensOverSeeds, Double tokenReduction,
                           Interval tokenReductionCi, Double accuracyDifference, Interval accuracyDifferenceCi,
                           PValues pValues, Greedy greedy) {}

    /** Greedy answers: one per test problem. */
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
     * The base student's own traces on training problems.
     *
     * @param n          traces sampled (one per problem)
     * @param correct    of them, correct (the ones pruned)
     * @param meanTokens their mean length in tokens
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OwnTraces(int n, int correct, double meanTokens) {}
}
