package drp.core.align;

import drp.core.stats.Bootstrap;
import drp.core.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * align.summary.json: per variant, the student's mean NLL of its candidates with an interval, and
 * the share of steps the student finds surprising (mean NLL per token above {@code surpriseNll}).
 *
 * @param model       the student that scored, with its weights revision where it has one
 * @param surpriseNll the threshold of a surprising step, nats per token
 * @param variants    by variant, in the order first seen
 */
public record AlignmentSummary(String model, double surpriseNll, List<VariantAlignment> variants) {

    /**
     * Summarises {@code scores}, variants in the order of {@code variants} (then any others,
     * sorted). Each variant's candidates are taken in the order of their ids, not of the file
     * (which is the order scoring finished in), so the same scores give the same figures, the
     * bootstrap interval included, however a run was interrupted and resumed.
     */
    public static AlignmentSummary of(String model, double surpriseNll, List<CandidateScore> scores, List<String> variants) {
        Map<String, List<CandidateScore>> byVariant = new java.util.TreeMap<>();
        for (CandidateScore s : scores) {
            byVariant.computeIfAbsent(s.variant(), v -> new ArrayList<>()).add(s);
        }
        List<String> order = new ArrayList<>(variants.stream().filter(byVariant::containsKey).distinct().toList());
        byVariant.keySet().stream().filter(v -> !order.contains(v)).forEach(order::add);
        List<VariantAlignment> out = new ArrayList<>();
        for (String variant : order) {
            List<CandidateScore> list = new ArrayList<>(byVariant.get(variant));
            list.sort(java.util.Comparator.comparing(CandidateScore::id));
            out.add(variant(variant, list, surpriseNll));
        }
        return new AlignmentSummary(model, surpriseNll, out);
    }

    /** The summary of one variant's scores. */
    public static VariantAlignment variant(String variant, List<CandidateScore> list, double surpriseNll) {
        double[] means = new double[list.size()];
        double tokens = 0;
        double nll = 0;
        int steps = 0;
        int surprising = 0;
        for (int i = 0; i < list.size(); i++) {
            CandidateScore s = list.get(i);
            means[i] = s.meanNll();
            tokens += s.tokens();
            nll += s.totalNll();
            for (Double step : s.stepNll()) {
                if (step != null) {
                    steps++;
                    surprising += step > surpriseNll ? 1 : 0;
                }
            }
        }
        double mean = 0;
        for (double m : means) {
            mean += m;
        }
        mean = list.isEmpty() ? Double.NaN : mean / list.size();
        Interval interval = list.size() < 2 ? new Interval(mean, mean) : Bootstrap.defaults().meanInterval(means);
        return new VariantAlignment(variant, list.size(), list.isEmpty() ? 0 : tokens / list.size(), mean, interval,
                tokens == 0 ? Double.NaN : nll / tokens, steps, steps == 0 ? 0 : (double) surprising / steps);
    }

    /** The variant called {@code name}, if scored. */
    public java.util.Optional<VariantAlignment> variant(String name) {
        return variants.stream().filter(v -> v.variant().equals(name)).findFirst();
    }
}
