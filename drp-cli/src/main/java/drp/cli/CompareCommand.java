package drp.cli;

import drp.core.grade.Comparison;
import drp.core.grade.GradedRun;
import drp.core.io.ErrorPolicy;
import drp.core.stats.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drp compare}: two graded runs on the same problems, side by side, with paired tests. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two graded runs on the same problems.",
                "Reports accuracy and tokens of each, their differences with 95%% paired-bootstrap intervals, an exact",
                "McNemar test on accuracy and a Wilcoxon signed-rank test on tokens, as a Markdown table shaped like",
                "the paper's Table 1 (or JSON)."},
        footer = {"", "Examples:",
                "  drp compare runs/base/eval/gsm8k.jsonl runs/drp/eval/gsm8k.jsonl",
                "  drp compare runs/base/eval runs/drp/eval --label-a base --label-b DRP --json"})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Parameters(index = "0", paramLabel = "A", description = "A graded JSONL file, or a folder of them (one per benchmark).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The run to compare with A (differences are B - A).")
    Path b;

    @Option(names = "--label-a", paramLabel = "NAME", description = "Row name of A (default: its file or folder name).")
    String labelA;

    @Option(names = "--label-b", paramLabel = "NAME", description = "Row name of B.")
    String labelB;

    @Option(names = "--json", description = "Print JSON instead of Markdown.")
    boolean json;

    @Option(names = "--resamples", defaultValue = "10000", paramLabel = "B", description = "Bootstrap resamples. Default: ${DEFAULT-VALUE}.")
    int resamples;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Bootstrap seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        for (Path p : new Path[] {a, b}) {
            if (!Files.exists(p)) {
                throw new UserError("graded run not found: " + p);
            }
        }
        GradedRun runA = GradedRun.read(a, ErrorPolicy.STRICT);
        GradedRun runB = GradedRun.read(b, ErrorPolicy.STRICT);
        if (labelA != null) runA = runA.withLabel(labelA);
        if (labelB != null) runB = runB.withLabel(labelB);
        Comparison c = Comparison.of(runA, runB, new Bootstrap(resamples, seed, 0.95));
        spec.commandLine().getOut().println((json ? c.toJson() : c.toMarkdown()).stripTrailing());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
