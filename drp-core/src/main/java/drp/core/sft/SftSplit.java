package drp.core.sft;

import drp.core.random.SplitMix64;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A seeded train/validation split. It is made by problem, not by example: the traces of one
 * problem ({@code <problem id>#...}) all go to one side, so validation never scores a problem the
 * student was trained on. The same examples and seed give the same split, whatever their order.
 *
 * @param train      the training examples, in input order
 * @param validation the held-out examples, in input order
 */
public record SftSplit(List<SftExample> train, List<SftExample> validation) {

    public SftSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
    }

    /**
     * Holds out {@code fraction} of the problems (rounded, at least one when the fraction is
     * above 0 and there are two problems or more), chosen by {@code seed}.
     */
    public static SftSplit of(List<SftExample> examples, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be in [0, 1), got " + fraction);
        }
        Map<String, Long> keyOfProblem = new LinkedHashMap<>();
        for (SftExample e : examples) {
            String problem = problemOf(e.id());
            keyOfProblem.putIfAbsent(problem, SplitMix64.seed(seed, SplitMix64.hash(problem)));
        }
        List<String> problems = new ArrayList<>(keyOfProblem.keySet());
        problems.sort((a, b) -> {
            int c = Long.compare(keyOfProblem.get(a), keyOfProblem.get(b));
            return c != 0 ? c : a.compareTo(b);
        });
        int held = (int) Math.round(fraction * problems.size());
        if (fraction > 0 && held == 0 && problems.size() >= 2) {
            held = 1;
        }
        Set<String> validation = new HashSet<>(problems.subList(0, held));
        List<SftExample> train = new ArrayList<>();
        List<SftExample> val = new ArrayList<>();
        for (SftExample e : examples) {
            (validation.contains(problemOf(e.id())) ? val : train).add(e);
        }
        return new SftSplit(train, val);
    }

    /** The problem of an example id: the part before the first {@code #}, or the whole id. */
    static String problemOf(String id) {
        int hash = id.indexOf('#');
        return hash < 0 ? id : id.substring(0, hash);
    }
}
