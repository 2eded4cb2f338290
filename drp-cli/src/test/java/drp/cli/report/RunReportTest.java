package drp.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.grade.GradedRecord;
import drp.core.grade.VerdictKind;
import drp.core.io.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page as text: what it holds, how it escapes, for each kind of run directory (no browser). */
class RunReportTest {

    @TempDir
    Path dir;

    @Test
    void scriptJsonEscapesEveryCharacterThatCouldEndOrChangeAScriptBlock() {
        String json = Html.scriptJson("{\"t\":\"</script><!-- & > \u2028\"}");
        assertThat(json).doesNotContain("<", ">", "&", "\u2028")
                .isEqualTo("{\"t\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u003e \\u2028\"}");
    }

    @Test
    void textEscapesMarkup() {
        assertThat(Html.text("<img src=x onerror=\"a\">&'")).isEqualTo("&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;");
    }

    @Test
    void anEvalRunGetsTable1ParetoChartsAndAMarkdownReport() throws IOException {
        writeGraded("base", 10, 7, 200);
        writeGraded("drp", 10, 9, 80);
        RunReport.Written w = RunReport.write(dir, true);
        String html = Files.readString(w.html());
        assertThat(w.models()).isEqualTo(2);
        assertThat(html).contains("id=\"table-gsm8k-test\"", "id=\"pareto-gsm8k-test\"", "id=\"lengths-gsm8k-test\"",
                "No pruned traces in this run");
        // accuracy 70% -> 90%, mean tokens 204.5 -> 84.5: 58.7% fewer
        assertThat(html).contains("<th scope=\"row\">base</th><td>10</td><td>70.0 [", "58.7% [");
        assertThat(Files.readString(w.markdown())).contains("| drp | 10 | 90.0 [", "Δ Acc (pts)");
    }

    @Test
    void aGreedyPassComesRightAfterItsBenchmark() throws IOException {
        writeGraded("base", 4, 2, 50, "gsm8k:test:greedy", "a-greedy");
        writeGraded("base", 4, 2, 50, "math500", "b");
        writeGraded("base", 4, 2, 50, "gsm8k:test", "c");
        assertThat(ReportInputs.read(dir).benchmarks()).containsExactly("gsm8k:test", "gsm8k:test:greedy", "math500");
    }

    @Test
    void lengthsAtTheGenerationCapShowAsASpikeAtTheCapLine() {
        List<Integer> lengths = new ArrayList<>(java.util.Collections.nCopies(30, 1000));
        lengths.addAll(java.util.Collections.nCopies(10, 8192));
        String svg = LengthHistogram.svg("h", "lengths", java.util.Map.of("before", lengths), 8192);
        assertThat(svg).contains("class=\"cap\"", "cap 8,192", "before: 25.0% of traces at", "before: 75.0% of traces at");
    }

    @Test
    void aDirectoryWithNothingToReportOnIsRefused() {
        assertThatThrownBy(() -> RunReport.write(dir, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing to report on");
    }

    @Test
    void thePageLoadsNothingAndRunsOnlyItsOwnScript() throws IOException {
        writeGraded("base", 4, 2, 50);
        String html = Files.readString(RunReport.write(dir, false).html());
        assertThat(html).doesNotContain("http://", "https://", "src=\"", "@import", "url(http");
        Matcher csp = Pattern.compile("script-src 'sha256-([^']+)'").matcher(html);
        assertThat(csp.find()).isTrue();
        assertThat(csp.group(1)).isEqualTo(HtmlPage.sha256(HtmlPage.resource("report.js")));
        assertThat(html).contains("<script>" + HtmlPage.resource("report.js") + "</script>");
    }

    private void writeGraded(String model, int problems, int correct, int tokens) throws IOException {
        writeGraded(model, problems, correct, tokens, "gsm8k:test", "gsm8k-test");
    }

    private void writeGraded(String model, int problems, int correct, int tokens, String benchmark, String file)
            throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < problems; i++) {
            boolean ok = i < correct;
            lines.add(JsonCodec.MAPPER.writeValueAsString(new GradedRecord("p" + i + "#0", benchmark, "p" + i, 0, null,
                    "1", ok ? "1" : "2", null, "final", ok ? VerdictKind.CORRECT : VerdictKind.WRONG, "test", ok,
                    tokens + i, "stop")));
        }
        Path path = dir.resolve("eval/" + model + "/" + file + ".jsonl");
        Files.createDirectories(path.getParent());
        Files.write(path, lines);
    }
}
