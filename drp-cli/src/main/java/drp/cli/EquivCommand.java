package drp.cli;

import drp.core.answer.EquivalenceChecker;
import drp.core.answer.EquivalencePairs;
import drp.core.answer.Explanation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drp equiv}: audit answer grading, one pair or a file of pairs. */
@Command(name = "equiv", mixinStandardHelpOptions = true,
        description = {"Decide whether a predicted answer equals a gold one, and say why.",
                "A prediction written as free text ('Answer: $ 12 $', 'Hence $y \\le 7$ holds.', a worked solution) is read for its final answer first:",
                "the last \\boxed{}, then 'answer is'/'Answer:' forms, then the last math span, then the last number; the output shows what was extracted and by which rule.",
                "It shows the normalized forms, how each was read, the rule that decided and the precision setting. Verdicts: CORRECT, WRONG, UNPARSEABLE, TIMEOUT.",
                "With --in, reads JSONL pairs (fields gold, pred) and writes one verdict per line as JSONL."},
        footer = {"", "Examples:",
                "  drp equiv '\\frac{1}{2}' 0.5",
                "  drp equiv '(-\\infty, 3]' 'x \\le 3'",
                "  drp equiv 7 'Hence $y \\le 7$ holds.'",
                "  drp equiv --precision rounded '\\sqrt5' 2.236",
                "  drp equiv --in pairs.jsonl > verdicts.jsonl"})
final class EquivCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Parameters(index = "0", arity = "0..1", paramLabel = "GOLD", description = "The gold answer (LaTeX or plain).")
    String gold;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PREDICTED", description = "The predicted answer.")
    String predicted;

    @Option(names = "--in", paramLabel = "PAIRS.jsonl", description = "Check every pair of a JSONL file ('-' = standard input).")
    Path in;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION",
            description = "Bound on each check, e.g. 500ms, 5s. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--ordered-lists", description = "Compare comma-separated lists in order (default: as sets, as MATH's 'all solutions' answers mean).")
    boolean orderedLists;

    @Option(names = "--precision", defaultValue = "exact", paramLabel = "exact|rounded",
            description = "rounded: a decimal prediction with d digits after the point equals a gold that is not itself a terminating decimal "
                    + "when the gold rounds to it at d digits (2.236 for \\sqrt5). Default: ${DEFAULT-VALUE} (decimals within one in a million).")
    String precision;

    @Option(names = "--threads", paramLabel = "N", description = "Pairs checked in parallel with --in. Default: the number of processors.")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        Duration bound = parseDuration(timeout);
        try (EquivalenceChecker checker = AnswerCheckers.of(bound, orderedLists, rounded(precision))) {
            if (in != null) {
                if (gold != null) {
                    throw new UserError("give either GOLD PREDICTED or --in PAIRS.jsonl, not both");
                }
                return pairs(checker);
            }
            if (gold == null || predicted == null) {
                throw new UserError("give GOLD and PREDICTED, or --in PAIRS.jsonl (see 'drp equiv --help')");
            }
            Explanation explanation = checker.explain(gold, predicted);
            spec.commandLine().getOut().println(explanation.describe());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    private int pairs(EquivalenceChecker checker) throws IOException {
        boolean stdin = in.toString().equals("-");
        if (!stdin && !Files.isRegularFile(in)) {
            throw new UserError("input file not found: " + in);
        }
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        try (BufferedReader reader = stdin
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            EquivalencePairs.Summary s = new EquivalencePairs(checker, workers)
                    .run(reader, stdin ? "<stdin>" : in.toString(), spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().printf("%d pairs: %d correct, %d wrong, %d unparseable, %d timed out (precision %s)%n",
                    s.pairs(), s.correct(), s.wrong(), s.unparseable(), s.timedOut(), checker.options().precisionLabel());
        }
        return 0;
    }

    /** {@code exact} or {@code rounded}: whether rounded decimal predictions are accepted. */
    static boolean rounded(String precision) {
        return switch (precision.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "exact" -> false;
            case "rounded" -> true;
            default -> throw new UserError("--precision must be exact or rounded, got '" + precision + "'");
        };
    }

    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw new UserError("not a duration: '" + text + "' (write e.g. 500ms or 5s)");
        }
    }
}
