package drp.cli.report;

import drp.core.stage.PrunedRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * report.html: one self-contained page (styles, script, charts and data inline; no network) with
 * the summary table, the charts and the trace viewer. A Content-Security-Policy lets nothing load
 * and only the page's own script run (by its hash), so even text that slipped through as markup
 * could not act; all model text reaches the page as escaped JSON and is inserted as text.
 */
final class HtmlPage {

    private final ReportInputs in;
    private final Figures figures;

    HtmlPage(ReportInputs in, Figures figures) {
        this.in = in;
        this.figures = figures;
    }

    String render(String subtitle) {
        String script = resource("report.js");
        StringBuilder out = new StringBuilder(1 << 20);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;"
                        + " style-src 'unsafe-inline'; script-src 'sha256-").append(sha256(script)).append("'\">")
                .append("<meta name=\"generator\" content=\"drp report\">")
                .append("<title>drp report: ").append(Html.text(in.title())).append("</title><style>")
                .append(resource("report.css")).append("</style></head><body>");
        out.append(Svg.patternDefs());
        out.append("<header><h1>drp report: ").append(Html.text(in.title())).append("</h1><p class=\"meta\">")
                .append(Html.text(subtitle)).append("</p><nav aria-label=\"Sections\">")
                .append("<a href=\"#summary\">Summary</a><a href=\"#charts\">Charts</a>")
                .append("<a href=\"#viewer\">Trace viewer</a></nav></header><main>");
        summary(out);
        charts(out);
        viewer(out);
        out.append("</main><script type=\"application/json\" id=\"drp-data\">")
                .append(ViewerData.json(in.arms())).append("</script><script>").append(script)
                .append("</script></body></html>\n");
        return out.toString();
    }

    private void summary(StringBuilder out) {
        out.append("<section id=\"summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Summary</h2>");
        if (figures.summaries().isEmpty()) {
            out.append("<p class=\"note\">No evaluated models in this run (no eval/MODEL/BENCH.jsonl).</p>");
        } else {
            out.append(new SummaryTable(figures, in.alignment()).html());
        }
        for (Map.Entry<String, List<PrunedRecord>> arm : in.arms().entrySet()) {
            out.append("<p>").append(Html.text(PruneFigures.sentence(arm.getKey(), arm.getValue()))).append("</p>");
        }
        out.append("</section>");
    }

    private void charts(StringBuilder out) {
        List<String[]> charts = new ArrayList<>();
        figures.summaries().forEach((bench, models) -> charts.add(new String[] {"Accuracy vs tokens: " + bench,
                ParetoChart.svg(bench, models), "Markers at each model's accuracy and mean output tokens; bars are 95%"
                + " bootstrap intervals. Up and to the left is better."}));
        for (String bench : figures.summaries().keySet()) {
            Map<String, List<Integer>> series = new LinkedHashMap<>();
            Integer cap = null;
            for (ReportInputs.ModelRun m : in.models()) {
                var records = m.byBenchmark().get(bench);
                if (records != null) {
                    series.put(m.name(), records.stream().filter(r -> r.outputTokens() != null)
                            .map(r -> r.outputTokens()).toList());
                    cap = cap == null ? in.cap(m.name()).orElse(null) : cap;
                }
            }
            charts.add(new String[] {"Output lengths: " + bench, LengthHistogram.svg("lengths-" + Html.slug(bench),
                    "Output lengths: " + bench, series, cap), "Share of answers per length bin, per model."
                    + (cap == null ? "" : " Answers cut off at the generation cap pile up at the dashed line.")});
        }
        for (Map.Entry<String, List<PrunedRecord>> arm : in.arms().entrySet()) {
            String name = arm.getKey();
            List<PrunedRecord> ok = arm.getValue().stream().filter(PrunedRecord::ok).toList();
            Map<String, List<Integer>> series = new LinkedHashMap<>();
            List<Integer> before = arm.getValue().stream().filter(r -> r.tokensBefore() != null)
                    .map(PrunedRecord::tokensBefore).toList();
            if (name.equals(ReportInputs.MAIN_ARM) && !in.ownTokens().isEmpty()) {
                series.put("own traces (all)", in.ownTokens());
            }
            series.put("before pruning", before);
            series.put("after pruning", ok.stream().filter(r -> r.tokensAfter() != null).map(PrunedRecord::tokensAfter)
                    .toList());
            charts.add(new String[] {"Trace lengths, before and after pruning: " + name,
                    LengthHistogram.svg("prune-lengths-" + Html.slug(name), "Trace lengths: " + name, series,
                            in.cap(null).orElse(null)),
                    "Think text of the traces selected for pruning and of their pruned versions"
                            + (series.containsKey("own traces (all)") ? ", and every trace the student sampled" : "")
                            + " (output tokens for own traces)."});
            charts.add(new String[] {"Action mix per skill: " + name, ActionMixChart.svg("actions-" + Html.slug(name),
                    name, arm.getValue()), "Decisions of the teacher on the steps of pruned traces, by the step's skill."});
            charts.add(new String[] {"Teacher: " + name, TeacherChart.svg("teacher-" + Html.slug(name), name,
                    arm.getValue(), in.usage()), "Pruning outcomes by reason, and what the teacher's calls cost."});
        }
        if (!in.lossCurves().isEmpty()) {
            charts.add(new String[] {"Fine-tuning loss", LossChart.svg(in.lossCurves()),
                    "From models/ARM/training.json (loss_curve)."});
        }
        out.append("<section id=\"charts\" aria-labelledby=\"charts-h\"><h2 id=\"charts-h\">Charts</h2>");
        if (charts.isEmpty()) {
            out.append("<p class=\"note\">Nothing to chart in this run.</p>");
        }
        out.append("<div class=\"grid\">");
        for (String[] c : charts) {
            out.append("<figure><h3>").append(Html.text(c[0])).append("</h3>").append(c[1]).append("<figcaption>")
                    .append(Html.text(c[2])).append("</figcaption></figure>");
        }
        out.append("</div></section>");
    }

    private void viewer(StringBuilder out) {
        int traces = in.arms().values().stream().mapToInt(List::size).sum();
        out.append("<section id=\"viewer\" aria-labelledby=\"viewer-h\"><h2 id=\"viewer-h\">Trace viewer</h2>");
        if (traces == 0) {
            out.append("<p class=\"note\">No pruned traces in this run (no pruned.jsonl).</p></section>");
            return;
        }
        out.append("<p class=\"note\">Pick a trace (arrow keys, Page Up/Down, Home/End in the list); hover or focus a"
                + " pruned step to outline the original steps it came from.</p>")
                .append("<div class=\"controls\">")
                .append("<label>Search id or text<input id=\"v-search\" type=\"search\" autocomplete=\"off\""
                        + " placeholder=\"e.g. problem_12 or a phrase\"></label>")
                .append("<label>Sort by<select id=\"v-sort\"><option value=\"reduction-desc\">largest reduction</option>"
                        + "<option value=\"reduction-asc\">smallest reduction</option><option value=\"length\">longest"
                        + " original</option><option value=\"id\">id</option></select></label>")
                .append("<label>Status<select id=\"v-status\"><option value=\"\">all</option><option value=\"ok\">pruned"
                        + "</option><option value=\"failed\">failed</option></select></label>")
                .append("<label>Arm<select id=\"v-arm\"></select></label>")
                .append("</div><div class=\"viewer-body\"><div class=\"list-pane\"><p id=\"v-count\" aria-live=\"polite\">"
                        + "</p><ul id=\"v-list\" role=\"listbox\" tabindex=\"0\" aria-label=\"Traces\"></ul>"
                        + "<div class=\"pager\"><button type=\"button\" id=\"v-prev\">Previous</button>"
                        + "<button type=\"button\" id=\"v-next\">Next</button></div></div>")
                .append("<div class=\"trace-pane\"><div id=\"v-head\"></div><div id=\"v-filters\" role=\"group\""
                        + " aria-label=\"Show steps by action and skill\"></div><button type=\"button\" id=\"v-reset\">"
                        + "Show all steps</button><p id=\"v-hidden\" aria-live=\"polite\"></p>")
                .append("<div class=\"columns\"><div class=\"col\"><h4>Original, step by step</h4><ol id=\"v-orig\"></ol>"
                        + "</div><div class=\"col\"><h4>Pruned</h4><ol id=\"v-pruned\"></ol><div id=\"v-syn\"></div></div>"
                        + "</div></div></div></section>");
    }

    static String resource(String name) {
        try (InputStream s = HtmlPage.class.getResourceAsStream(name)) {
            if (s == null) {
                throw new IllegalStateException("missing resource drp/cli/report/" + name);
            }
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
