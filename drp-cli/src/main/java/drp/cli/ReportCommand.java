package drp.cli;

import drp.cli.report.RunReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drp report}: report.html (and report.md where no stage wrote one) for any run directory. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write report.html for a run directory: tables, charts and a trace viewer.",
                "One self-contained page (nothing loaded from the network): the summary table (accuracy and tokens",
                "with 95%% intervals, reduction, paired p-values), charts (accuracy vs tokens, length distributions,",
                "action mix per skill, teacher outcomes, loss curve) and a trace viewer. Also report.md when the run",
                "has none ('drp run' and 'drp demo' write their own). Works on 'drp run', 'drp demo', 'drp prune' and",
                "'drp eval' run directories."},
        footer = {"", "Examples:", "  drp report runs/demo", "  drp report runs/r1"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory.")
    Path runDir;

    @Override
    public Integer call() {
        if (!Files.isDirectory(runDir)) {
            throw new UserError(runDir + " is not a directory");
        }
        RunReport.Written w;
        try {
            w = RunReport.write(runDir, !Files.isRegularFile(runDir.resolve(RunReport.MARKDOWN)));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "report: %d model%s, %d benchmark%s, %,d pruned traces%n", w.models(),
                w.models() == 1 ? "" : "s", w.benchmarks(), w.benchmarks() == 1 ? "" : "s", w.traces());
        out.printf(Locale.ROOT, "wrote %s (%,.0f KB; open it in a browser)%s%n", w.html(), w.htmlBytes() / 1024.0,
                w.markdown() == null ? "" : " and " + w.markdown());
        out.flush();
        return 0;
    }
}
