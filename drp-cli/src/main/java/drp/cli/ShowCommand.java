package drp.cli;

import drp.core.prune.StepDecision;
import drp.core.run.RunDirectory;
import drp.core.stage.PruneStage;
import drp.core.stage.PrunedRecord;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drp show}: one pruned trace, step by step. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show a pruned trace step by step.",
                "Each original step with its skill and action, the rewrite or merge text, then the synthesized trace.",
                "Without --id, the first trace."},
        footer = {"", "Examples:", "  drp show runs/r1", "  drp show runs/r1 --id problem_1273 --color always | less -R"})
final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory written by 'drp prune'.")
    Path runDir;

    @Option(names = "--id", paramLabel = "ID", description = "The trace to show.")
    String id;

    @Option(names = "--color", defaultValue = "auto", paramLabel = "WHEN", description = "auto, always or never. Default: ${DEFAULT-VALUE}.")
    String color;

    @Override
    public Integer call() {
        Path file = RunDirectory.existing(runDir).file(PruneStage.OUTPUT);
        if (!Files.isRegularFile(file)) {
            throw new UserError(runDir + " has no " + PruneStage.OUTPUT + " (run 'drp prune' first)");
        }
        List<PrunedRecord> records = PruneStage.read(file);
        if (records.isEmpty()) {
            throw new UserError(file + " holds no traces");
        }
        PrunedRecord r = id == null ? records.get(0) : records.stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new UserError("no trace with id '" + id + "' in " + file + " (it has " + records.size()
                        + " traces, e.g. " + records.get(0).id() + ")"));
        Ansi ansi = switch (color) {
            case "always" -> Ansi.ON;
            case "never" -> Ansi.OFF;
            case "auto" -> Ansi.AUTO;
            default -> throw new UserError("--color must be auto, always or never, not '" + color + "'");
        };
        print(r, ansi, spec.commandLine().getOut());
        return 0;
    }

    static void print(PrunedRecord r, Ansi ansi, PrintWriter out) {
        out.println(ansi.string("@|bold trace " + r.id() + "|@  (" + r.status() + ", answer " + r.answer() + ", "
                + r.steps().size() + " steps, " + r.tokensBefore() + " -> "
                + (r.tokensAfter() == null ? "-" : r.tokensAfter()) + " tokens)"));
        out.println(ansi.string("@|faint teacher: " + escape(r.teacher()) + "|@"));
        out.println();
        for (PrunedRecord.StepView step : r.steps()) {
            StepDecision d = r.decisions().size() > step.index() ? r.decisions().get(step.index()) : null;
            String action = d == null ? "-" : d.action().name();
            String style = switch (action) {
                case "DELETE" -> "red";
                case "REWRITE" -> "yellow";
                case "MERGE" -> "cyan";
                case "KEEP" -> "green";
                default -> "faint";
            };
            String merged = d != null && !d.merged().isEmpty() ? " " + d.merged() : "";
            out.println(ansi.string(String.format("@|%s %3d %-8s|@ @|faint %-13s|@ %s", style, step.index(), action + merged,
                    step.skill().name().toLowerCase(), escape(oneLine(step.text())))));
            if (d != null && d.rewrite() != null) {
                out.println(ansi.string("             @|" + style + " -> " + escape(oneLine(d.rewrite())) + "|@"));
            }
        }
        out.println();
        if (r.ok()) {
            out.println(ansi.string("@|bold synthesized|@"));
            out.println(r.synthesized());
        } else {
            out.println(ansi.string("@|red,bold failed: " + escape(r.failureReason()) + "|@ " + escape(r.failureDetail())));
            r.validationErrors().forEach(v -> out.println("  " + v));
        }
        out.flush();
    }

    private static String oneLine(String s) {
        return s.strip().replace("\n\n", " / ").replace('\n', ' ');
    }

    /** picocli markup uses @| and |@; user text must not be read as markup. */
    private static String escape(String s) {
        return s == null ? "" : s.replace("@|", "@ |").replace("|@", "| @");
    }
}
