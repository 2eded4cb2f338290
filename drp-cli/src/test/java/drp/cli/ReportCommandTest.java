package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import drp.cli.report.HostileTraces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drp report} on a prune run whose traces try to inject markup: the page holds them only as escaped data. */
class ReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void reportsAPruneRunAndKeepsHostileTextInert() throws IOException {
        Path in = HostileTraces.write(dir.resolve("hostile.jsonl"));
        Path run = dir.resolve("run");
        CliRun prune = CliRun.of("prune", "--in", in.toString(), "--out", run.toString());
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        CliRun report = CliRun.of("report", run.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("2 pruned traces", "wrote " + run.resolve("report.html"), "report.md");
        String html = Files.readString(run.resolve("report.html"));
        assertThat(html).doesNotContain(HostileTraces.SCRIPT, HostileTraces.IMG, "window.pwned=1\">");
        // the page's own two script blocks close; nothing else does
        assertThat(html.split("</script>", -1)).hasSize(3);
        assertThat(html).contains("\\u003cscript\\u003ewindow.pwned=1\\u003c/script\\u003e");
        assertThat(html).contains("id=\"actions-drp\"", "id=\"teacher-drp\"", "id=\"prune-lengths-drp\"");
        assertThat(Files.readString(run.resolve("report.md"))).contains("Pruning (drp): 2 of 2 traces pruned");
    }

    @Test
    void refusesADirectoryWithNothingInIt() {
        CliRun report = CliRun.of("report", dir.toString());
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.err()).contains("nothing to report on");
    }
}
