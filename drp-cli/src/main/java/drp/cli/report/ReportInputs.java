package drp.cli.report;

import drp.core.align.AlignmentSummary;
import drp.core.align.VariantAlignment;
import drp.core.stage.AlignStage;
import com.fasterxml.jackson.databind.JsonNode;
import drp.core.grade.GradedRecord;
import drp.core.grade.GradedRecords;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonCodec;
import drp.core.stage.PruneStage;
import drp.core.stage.PrunedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a report is made of, read from any run directory: a pipeline run (demo included), a
 * {@code drp prune} run (pruned.jsonl + summary.json), a {@code drp eval} run (eval/MODEL/BENCH.jsonl),
 * or a mix. Everything is optional; the page shows what the directory holds.
 *
 * @param title      the pipeline's name, or the directory's
 * @param models     evaluated models in order (base first), each with its graded answers by benchmark
 * @param arms       pruned traces by arm (the main arm first), from pruned.jsonl and arms/ARM/pruned.jsonl
 * @param ownTokens  output tokens of the student's own traces (completions.jsonl), empty when none
 * @param lossCurves per arm, the fine-tuning loss curve as (step, loss) points
 * @param usage      per model that answered calls, its requests, tokens and cost (run.json)
 * @param caps       generation caps by what they capped ({@code sample}, {@code eval:MODEL})
 * @param alignment  per arm, how likely the base student found its training targets (the align
 *                   stage's align.summary.json), empty without it
 */
public record ReportInputs(String title, List<ModelRun> models, Map<String, List<PrunedRecord>> arms,
                           List<Integer> ownTokens, Map<String, List<double[]>> lossCurves,
                           Map<String, Usage> usage, Map<String, Integer> caps,
                           Map<String, VariantAlignment> alignment) {

    /** One evaluated model: its label and its graded answers by benchmark (greedy passes are benchmarks too). */
    public record ModelRun(String name, Map<String, List<GradedRecord>> byBenchmark) {}

    /** Calls to one model, as run.json's {@code usage} records them. */
    public record Usage(long requests, long failedRequests, long promptTokens, long completionTokens, double cost) {}

    /** The main arm's name in a run whose pruned.jsonl is at the top level. */
    public static final String MAIN_ARM = "drp";

    public boolean isEmpty() {
        return models.isEmpty() && arms.isEmpty() && ownTokens.isEmpty();
    }

    /** The benchmarks any model was graded on, in the order first seen, a greedy pass right after its benchmark. */
    public List<String> benchmarks() {
        List<String> seen = new ArrayList<>();
        models.forEach(m -> m.byBenchmark().keySet().forEach(b -> {
            if (!seen.contains(b)) {
                seen.add(b);
            }
        }));
        List<String> bases = seen.stream().map(ReportInputs::withoutGreedy).distinct().toList();
        List<String> out = new ArrayList<>(seen);
        out.sort(java.util.Comparator.comparingInt((String b) -> bases.indexOf(withoutGreedy(b)))
                .thenComparing(b -> b.endsWith(GREEDY)));
        return out;
    }

    private static final String GREEDY = drp.core.stage.EvalStage.GREEDY;

    private static String withoutGreedy(String benchmark) {
        return benchmark.endsWith(GREEDY) ? benchmark.substring(0, benchmark.length() - GREEDY.length()) : benchmark;
    }

    /** The generation cap of a model's evaluation, or of the sample stage for null. */
    public Optional<Integer> cap(String model) {
        return Optional.ofNullable(caps.get(model == null ? "sample" : "eval:" + model)).or(
                () -> Optional.ofNullable(caps.get("eval")));
    }

    public static ReportInputs read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        JsonNode manifest = json(dir.resolve("run.json"));
        String title = manifest.at("/config/pipeline/resolved/name").asText("");
        if (title.isEmpty()) {
            title = dir.toAbsolutePath().normalize().getFileName().toString();
        }
        return new ReportInputs(title, models(dir.resolve("eval")), arms(dir), ownTokens(dir.resolve("completions.jsonl")),
                lossCurves(dir), usage(manifest), caps(manifest), alignment(dir));
    }

    /** Each arm's own figures from its align.summary.json (the main arm's at the top level). */
    private static Map<String, VariantAlignment> alignment(Path dir) {
        Map<String, VariantAlignment> out = new LinkedHashMap<>();
        List<Path> summaries = new ArrayList<>(List.of(dir.resolve(AlignStage.SUMMARY)));
        list(dir.resolve("arms")).forEach(arm -> summaries.add(arm.resolve(AlignStage.SUMMARY)));
        for (Path file : summaries) {
            if (Files.isRegularFile(file)) {
                try {
                    AlignmentSummary summary = JsonCodec.MAPPER.readValue(file.toFile(), AlignmentSummary.class);
                    summary.variants().forEach(v -> out.putIfAbsent(v.variant(), v));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private static List<ModelRun> models(Path eval) {
        List<ModelRun> out = new ArrayList<>();
        for (Path folder : list(eval)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            Map<String, List<GradedRecord>> byBenchmark = new LinkedHashMap<>();
            for (Path file : list(folder)) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jsonl") && !name.endsWith(".completions.jsonl") && Files.isRegularFile(file)) {
                    for (GradedRecord r : GradedRecords.read(file, ErrorPolicy.LENIENT).items()) {
                        byBenchmark.computeIfAbsent(r.benchmark(), k -> new ArrayList<>()).add(r);
                    }
                }
            }
            if (!byBenchmark.isEmpty()) {
                out.add(new ModelRun(folder.getFileName().toString(), byBenchmark));
            }
        }
        // the base student first, the others as listed
        out.sort((a, b) -> Boolean.compare(!a.name().equals("base"), !b.name().equals("base")));
        return out;
    }

    private static Map<String, List<PrunedRecord>> arms(Path dir) {
        Map<String, List<PrunedRecord>> out = new LinkedHashMap<>();
        if (Files.isRegularFile(dir.resolve(PruneStage.OUTPUT))) {
            out.put(MAIN_ARM, PruneStage.read(dir.resolve(PruneStage.OUTPUT)));
        }
        for (Path arm : list(dir.resolve("arms"))) {
            if (Files.isRegularFile(arm.resolve(PruneStage.OUTPUT))) {
                out.put(arm.getFileName().toString(), PruneStage.read(arm.resolve(PruneStage.OUTPUT)));
            }
        }
        return out;
    }

    private static List<Integer> ownTokens(Path completions) {
        List<Integer> out = new ArrayList<>();
        if (!Files.isRegularFile(completions)) {
            return out;
        }
        try (Stream<String> lines = Files.lines(completions)) {
            lines.filter(l -> !l.isBlank()).forEach(line -> {
                try {
                    JsonNode n = JsonCodec.MAPPER.readTree(line);
                    if (n.hasNonNull("output_tokens")) {
                        out.add(n.get("output_tokens").asInt());
                    }
                } catch (IOException e) {
                    // a torn last line: the sample stage drops it on resume, the report skips it
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + completions + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Map<String, List<double[]>> lossCurves(Path dir) {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        for (Path model : list(dir.resolve("models"))) {
            JsonNode training = json(model.resolve("training.json"));
            List<double[]> curve = curve(training);
            if (!curve.isEmpty()) {
                out.put(model.getFileName().toString(), curve);
            }
        }
        if (out.isEmpty()) {
            List<double[]> curve = curve(json(dir.resolve("model.json")).path("record"));
            if (!curve.isEmpty()) {
                out.put(MAIN_ARM, curve);
            }
        }
        return out;
    }

    private static List<double[]> curve(JsonNode record) {
        List<double[]> points = new ArrayList<>();
        if (record.hasNonNull("first_loss")) {
            points.add(new double[] {0, record.get("first_loss").asDouble()});
        }
        for (JsonNode p : record.path("loss_curve")) {
            if (p.isArray() && p.size() >= 2) {
                points.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()});
            }
        }
        return points.size() < 2 ? List.of() : points;
    }

    /** Every {@code usage} object under run.json's config: model -> {requests, cost_usd, ...}. */
    private static Map<String, Usage> usage(JsonNode manifest) {
        Map<String, Usage> out = new TreeMap<>();
        collectUsage(manifest.path("config"), out);
        return out;
    }

    private static void collectUsage(JsonNode node, Map<String, Usage> out) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("usage") && e.getValue().isObject()) {
                e.getValue().fields().forEachRemaining(m -> {
                    JsonNode u = m.getValue();
                    if (u.isObject() && u.has("requests")) {
                        out.merge(m.getKey(), new Usage(u.path("requests").asLong(), u.path("failed_requests").asLong(),
                                u.path("prompt_tokens").asLong(), u.path("completion_tokens").asLong(),
                                u.path("cost_usd").asDouble()), (a, b) -> new Usage(a.requests() + b.requests(),
                                a.failedRequests() + b.failedRequests(), a.promptTokens() + b.promptTokens(),
                                a.completionTokens() + b.completionTokens(), a.cost() + b.cost()));
                    }
                });
            } else {
                collectUsage(e.getValue(), out);
            }
        }
    }

    private static Map<String, Integer> caps(JsonNode manifest) {
        Map<String, Integer> out = new LinkedHashMap<>();
        JsonNode config = manifest.path("config");
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            JsonNode max = value.path("sampling").has("max_tokens") ? value.path("sampling").path("max_tokens")
                    : value.path("max_tokens");
            if (max.isNumber() && max.asInt() > 0 && (e.getKey().equals("sample") || e.getKey().startsWith("eval"))) {
                out.put(e.getKey(), max.asInt());
            }
        }
        return out;
    }

    private static JsonNode json(Path file) {
        if (!Files.isRegularFile(file)) {
            return JsonCodec.MAPPER.missingNode();
        }
        try {
            return JsonCodec.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
