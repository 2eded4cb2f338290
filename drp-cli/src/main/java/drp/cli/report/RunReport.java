package drp.cli.report;

import drp.core.stage.PrunedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The report of a run directory: report.html (always) and, for runs whose stages did not write
 * one, report.md with the same table. Used by {@code drp report} and by the pipeline's report
 * stage.
 */
public final class RunReport {

    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";

    private RunReport() {}

    /** What was written. */
    public record Written(Path html, long htmlBytes, Path markdown, int models, int benchmarks, int traces) {}

    /**
     * Writes report.html into {@code dir}, and report.md when {@code markdown} is true.
     *
     * @throws IllegalArgumentException when the directory holds nothing to report on
     */
    public static Written write(Path dir, boolean markdown) {
        ReportInputs in = ReportInputs.read(dir);
        if (in.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds nothing to report on: no eval/MODEL/BENCH.jsonl, no"
                    + " pruned.jsonl, no completions.jsonl");
        }
        Figures figures = Figures.of(in);
        String html = new HtmlPage(in, figures).render("run directory " + dir.normalize());
        Path htmlFile = dir.resolve(HTML);
        replace(htmlFile, html);
        Path md = null;
        if (markdown) {
            md = dir.resolve(MARKDOWN);
            replace(md, markdown(in, figures));
        }
        int traces = in.arms().values().stream().mapToInt(List::size).sum();
        return new Written(htmlFile, html.getBytes(StandardCharsets.UTF_8).length, md, in.models().size(),
                figures.summaries().size(), traces);
    }

    static String markdown(ReportInputs in, Figures figures) {
        StringBuilder out = new StringBuilder("# drp report: ").append(in.title()).append("\n\n");
        if (!figures.summaries().isEmpty()) {
            out.append(new SummaryTable(figures, in.alignment()).markdown());
        }
        for (Map.Entry<String, List<PrunedRecord>> arm : in.arms().entrySet()) {
            out.append(PruneFigures.sentence(arm.getKey(), arm.getValue())).append("\n\n");
        }
        out.append("Charts and the trace viewer: report.html.\n");
        return out.toString();
    }

    private static void replace(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
