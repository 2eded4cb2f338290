package drp.core.grade;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import drp.core.answer.ExtractionRule;
import drp.core.stats.Bootstrap;
import drp.core.stats.Interval;
import drp.core.stats.PassAtK;
import drp.core.stats.Spread;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The numbers of one graded run on one benchmark: what {@code summary.json} holds. Every key is
 * always written (null where a number is undefined), so that tools can rely on them. See
 * docs/statistics.md for how each number is computed.
 *
 * @param benchmark         the benchmark's registry name
 * @param n                 graded outputs
 * @param problems          problems with at least one graded output
 * @param benchmarkProblems problems in the benchmark (null when unknown); more than {@code problems}
 *                          means part of the benchmark has no output
 * @param samplesPerProblem outputs per problem when every problem has the same number, else null
 * @param correct           outputs judged correct
 * @param wrong             outputs judged wrong
 * @param unparseable       outputs with no answer found, or an answer the checker could not read
 * @param timedOut          outputs whose check ran out of time
 * @param accuracy          correct / n (unparseable and timed-out outputs count as not correct)
 * @param accuracyCi        bootstrap interval of the accuracy, problems resampled
 * @param passAtK           unbiased pass@k by k (k = 1, 2, 4... up to the fewest samples of any
 *                          problem, and that number itself); pass@1 is the mean over problems of
 *                          their fraction of correct samples
 * @param passAtKCi         bootstrap interval of each pass@k
 * @param meanTokens        mean output tokens over all outputs with a known count (= tokens.all.mean)
 * @param meanTokensCi      its bootstrap interval
 * @param tokens            token statistics over all outputs and over correct ones
 * @param tokensCutoff      the same without outputs over the cutoff; null when no cutoff is set
 * @param tokenSource       where counts came from: {@code tokenizer:<name>} or {@code file}
 * @param truncated         outputs whose finish reason is {@code length}
 * @param extraction        outputs by the extraction rule that found their answer ({@code none}: no answer)
 * @param extractedFromThink answers found in the reasoning rather than the final part
 * @param seeds             spread over seeds (or over sample indices when no seeds are known); null
 *                          with fewer than two
 * @param failures          input records that could not be graded (malformed lines, unknown problems)
 * @param failureExamples   the first of them, as {@code file:line: message}
 * @param bootstrap         how the intervals were computed
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunSummary(String benchmark, int n, int problems, Integer benchmarkProblems, Integer samplesPerProblem,
        int correct, int wrong, int unparseable, int timedOut, Double accuracy, Interval accuracyCi,
        Map<String, Double> passAtK, @JsonProperty("pass_at_k_ci") Map<String, Interval> passAtKCi, Double meanTokens, Interval meanTokensCi,
        TokenBreakdown tokens, CutoffTokens tokensCutoff, String tokenSource, int truncated,
        Map<String, Integer> extraction, int extractedFromThink, SeedSpread seeds, int failures,
        List<String> failureExamples, BootstrapInfo bootstrap) {

    /** Token statistics over all outputs and over the correct ones. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TokenBreakdown(TokenStats all, TokenStats correct) {}

    /**
     * Token statistics without outputs longer than {@code cutoff} tokens.
     *
     * @param dropped        outputs over the cutoff
     * @param droppedCorrect how many of those were correct
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CutoffTokens(int cutoff, int dropped, int droppedCorrect, TokenStats all, TokenStats correct) {}

    /**
     * Accuracy and mean tokens per seed (or per sample index), and their spread across groups.
     *
     * @param groupBy    {@code seed} or {@code sample_index}
     * @param groups     one entry per group, by key
     * @param accuracy   mean and sample standard deviation of the groups' accuracies
     * @param meanTokens mean and sample standard deviation of the groups' mean tokens
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SeedSpread(String groupBy, List<Group> groups, Spread accuracy, Spread meanTokens) {}

    /** One seed's (or sample index's) outputs. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Group(long key, int n, double accuracy, Double meanTokens) {}

    /**
     * @param unit what is resampled: {@code problem} (all samples of a drawn problem come along)
     */
    public record BootstrapInfo(int resamples, long seed, double confidence, String unit) {
        static BootstrapInfo of(Bootstrap b) {
            return new BootstrapInfo(b.resamples(), b.seed(), b.confidence(), "problem");
        }
    }

    // columns of the per-problem table that every interval is bootstrapped from
    private static final int CORRECT = 0;
    private static final int OUTPUTS = 1;
    private static final int TOKENS = 2;
    private static final int WITH_TOKENS = 3;
    private static final int CORRECT_TOKENS = 4;
    private static final int CORRECT_WITH_TOKENS = 5;
    private static final int KEPT_TOKENS = 6;
    private static final int KEPT = 7;
    private static final int KEPT_CORRECT_TOKENS = 8;
    private static final int KEPT_CORRECT = 9;
    private static final int ONE = 10;
    private static final int PASS_AT_K = 11;

    /**
     * Summarizes {@code records}, all of one benchmark.
     *
     * @param benchmarkProblems problems in the benchmark, or null when unknown
     * @param tokenSource       where token counts came from, or null
     * @param failures          input records that could not be graded, as {@code file:line: message}
     */
    public static RunSummary of(String benchmark, Collection<GradedRecord> records, Integer benchmarkProblems,
            String tokenSource, List<String> failures, SummaryOptions options) {
        Map<String, List<GradedRecord>> byProblem = new TreeMap<>();
        for (GradedRecord r : records) {
            if (!r.benchmark().equals(benchmark)) {
                throw new IllegalArgumentException("record " + r.id() + " is from benchmark " + r.benchmark()
                        + ", not " + benchmark);
            }
            byProblem.computeIfAbsent(r.problemId(), k -> new ArrayList<>()).add(r);
        }
        int n = records.size();
        int minSamples = byProblem.values().stream().mapToInt(List::size).min().orElse(0);
        int maxSamples = byProblem.values().stream().mapToInt(List::size).max().orElse(0);
        List<Integer> ks = passAtKLevels(minSamples);
        int cutoff = options.tokenCutoff().orElse(Integer.MAX_VALUE);

        double[][] rows = new double[byProblem.size()][PASS_AT_K + ks.size()];
        int p = 0;
        for (List<GradedRecord> outputs : byProblem.values()) {
            double[] row = rows[p++];
            for (GradedRecord r : outputs) {
                row[OUTPUTS]++;
                row[CORRECT] += r.correct() ? 1 : 0;
                if (r.outputTokens() != null) {
                    int t = r.outputTokens();
                    row[TOKENS] += t;
                    row[WITH_TOKENS]++;
                    row[CORRECT_TOKENS] += r.correct() ? t : 0;
                    row[CORRECT_WITH_TOKENS] += r.correct() ? 1 : 0;
                    if (t <= cutoff) {
                        row[KEPT_TOKENS] += t;
                        row[KEPT]++;
                        row[KEPT_CORRECT_TOKENS] += r.correct() ? t : 0;
                        row[KEPT_CORRECT] += r.correct() ? 1 : 0;
                    }
                }
            }
            row[ONE] = 1;
            for (int j = 0; j < ks.size(); j++) {
                row[PASS_AT_K + j] = PassAtK.estimate((int) row[OUTPUTS], (int) row[CORRECT], ks.get(j));
            }
        }
        List<Bootstrap.Statistic> statistics = new ArrayList<>(List.of(
                Bootstrap.Statistic.ratio(CORRECT, OUTPUTS),
                Bootstrap.Statistic.ratio(TOKENS, WITH_TOKENS),
                Bootstrap.Statistic.ratio(CORRECT_TOKENS, CORRECT_WITH_TOKENS),
                Bootstrap.Statistic.ratio(KEPT_TOKENS, KEPT),
                Bootstrap.Statistic.ratio(KEPT_CORRECT_TOKENS, KEPT_CORRECT)));
        for (int j = 0; j < ks.size(); j++) {
            statistics.add(Bootstrap.Statistic.ratio(PASS_AT_K + j, ONE));
        }
        List<Interval> ci = options.bootstrap().intervals(rows, statistics);

        int[] counts = new int[VerdictKind.values().length];
        Map<String, Integer> extraction = new LinkedHashMap<>();
        for (ExtractionRule rule : ExtractionRule.values()) {
            extraction.put(rule.name().toLowerCase(), 0);
        }
        extraction.put("none", 0);
        int truncated = 0;
        int fromThink = 0;
        for (GradedRecord r : records) {
            counts[r.verdict().ordinal()]++;
            extraction.merge(r.extractionRule() == null ? "none" : r.extractionRule().name().toLowerCase(), 1,
                    Integer::sum);
            truncated += "length".equals(r.finishReason()) ? 1 : 0;
            fromThink += GradedRecord.FROM_THINK.equals(r.extractedFrom()) ? 1 : 0;
        }

        Map<String, Double> passAtK = new LinkedHashMap<>();
        Map<String, Interval> passAtKCi = new LinkedHashMap<>();
        for (int j = 0; j < ks.size(); j++) {
            double sum = 0;
            for (double[] row : rows) {
                sum += row[PASS_AT_K + j];
            }
            passAtK.put(Integer.toString(ks.get(j)), sum / rows.length);
            passAtKCi.put(Integer.toString(ks.get(j)), ci.get(5 + j));
        }

        TokenStats all = TokenStats.of(tokens(records, r -> true), ci.get(1));
        TokenStats correct = TokenStats.of(tokens(records, GradedRecord::correct), ci.get(2));
        CutoffTokens cut = null;
        if (options.tokenCutoff().isPresent()) {
            int dropped = 0;
            int droppedCorrect = 0;
            for (GradedRecord r : records) {
                if (r.outputTokens() != null && r.outputTokens() > cutoff) {
                    dropped++;
                    droppedCorrect += r.correct() ? 1 : 0;
                }
            }
            cut = new CutoffTokens(cutoff, dropped, droppedCorrect,
                    TokenStats.of(tokens(records, r -> r.outputTokens() <= cutoff), ci.get(3)),
                    TokenStats.of(tokens(records, r -> r.correct() && r.outputTokens() <= cutoff), ci.get(4)));
        }
        int nCorrect = counts[VerdictKind.CORRECT.ordinal()];
        List<String> examples = failures.subList(0, Math.min(failures.size(), options.failureExamples()));
        return new RunSummary(benchmark, n, byProblem.size(), benchmarkProblems,
                n > 0 && minSamples == maxSamples ? minSamples : null,
                nCorrect, counts[VerdictKind.WRONG.ordinal()], counts[VerdictKind.UNPARSEABLE.ordinal()],
                counts[VerdictKind.TIMED_OUT.ordinal()], n == 0 ? null : (double) nCorrect / n, ci.get(0),
                passAtK, passAtKCi, all.mean(), all.meanCi(), new TokenBreakdown(all, correct), cut, tokenSource,
                truncated, extraction, fromThink, seeds(records), failures.size(), List.copyOf(examples),
                BootstrapInfo.of(options.bootstrap()));
    }

    /** 1, 2, 4, ... up to {@code samples}, and {@code samples} itself. */
    static List<Integer> passAtKLevels(int samples) {
        List<Integer> ks = new ArrayList<>();
        for (int k = 1; k <= samples; k *= 2) {
            ks.add(k);
        }
        if (samples > 0 && ks.getLast() != samples) {
            ks.add(samples);
        }
        return ks;
    }

    private static int[] tokens(Collection<GradedRecord> records, Predicate<GradedRecord> keep) {
        return records.stream().filter(r -> r.outputTokens() != null).filter(keep)
                .mapToInt(GradedRecord::outputTokens).toArray();
    }

    /** Groups by seed when every record has one, else by sample index; null with fewer than 2 groups. */
    private static SeedSpread seeds(Collection<GradedRecord> records) {
        boolean bySeed = !records.isEmpty() && records.stream().allMatch(r -> r.seed() != null);
        Map<Long, List<GradedRecord>> groups = new TreeMap<>();
        for (GradedRecord r : records) {
            groups.computeIfAbsent(bySeed ? r.seed() : (long) r.sampleIndex(), k -> new ArrayList<>()).add(r);
        }
        if (groups.size() < 2) {
            return null;
        }
        List<Group> results = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        groups.forEach((key, rs) -> {
            double accuracy = rs.stream().filter(GradedRecord::correct).count() / (double) rs.size();
            int[] t = tokens(rs, r -> true);
            Double mean = t.length == 0 ? null : Arrays.stream(t).average().orElseThrow();
            results.add(new Group(key, rs.size(), accuracy, mean));
            accuracies.add(accuracy);
            if (mean != null) {
                means.add(mean);
            }
        });
        return new SeedSpread(bySeed ? "seed" : "sample_index", results,
                Spread.of(accuracies.stream().mapToDouble(Double::doubleValue).toArray()),
                Spread.of(means.stream().mapToDouble(Double::doubleValue).toArray()));
    }
}
