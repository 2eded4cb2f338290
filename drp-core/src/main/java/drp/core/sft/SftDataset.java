package drp.core.sft;

import drp.core.io.JsonCodec;
import drp.core.sft.export.SftExports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SFT data folder: the built examples, rendered as the student sees them when its chat template
 * is known, split into train and validation, and written in every export ({@link SftExports}),
 * with {@code summary.json} accounting for every input ({@code read = written + dropped}).
 * <pre>
 * DIR/sft.jsonl        every kept example (drp's own format)
 * DIR/summary.json     counts, drops by reason, split, tokens, the template and tokenizer
 * DIR/openai/ DIR/trl/ DIR/llamafactory/ DIR/rendered/
 * </pre>
 */
public final class SftDataset {

    /** The summary file of a folder. */
    public static final String SUMMARY = "summary.json";

    /**
     * @param cutoff      the most tokens of a whole training sequence, or 0 (needs a renderer)
     * @param validation  the fraction of problems held out for validation, in [0, 1)
     * @param seed        the split's seed
     * @param datasetName the LLaMA-Factory dataset name
     */
    public record Options(int cutoff, double validation, long seed, String datasetName) {}

    /** What was written. */
    public record Outcome(SftRendering.Result result, SftSplit split, Map<String, Path> exports, Map<String, Object> summary) {}

    private SftDataset() {}

    /**
     * Renders (when {@code renderer} is not null), splits and exports {@code built} into {@code dir}.
     *
     * @param template  what the summary says about the chat template (source, analysis), or empty
     * @param tokenizer the tokenizer that counted, for the summary and READMEs
     */
    public static Outcome write(BuildStage.Result built, ExampleRenderer renderer, Options options, Path dir,
                                Map<String, Object> template, String tokenizer, boolean stripsReasoning) {
        SftRendering.Result result = renderer == null
                ? new SftRendering.Result(built.examples(), List.of(), built.summary())
                : SftRendering.apply(built, renderer, options.cutoff());
        SftSplit split = SftSplit.of(result.examples(), options.validation(), options.seed());
        String source = template.isEmpty() ? null : String.valueOf(template.get("source"));
        Map<String, Path> exports = SftExports.writeAll(dir, split, result.rendered(),
                new SftExports.Notes(options.datasetName(), source, stripsReasoning, renderer == null ? 0 : options.cutoff(),
                        tokenizer));
        write(dir.resolve(BuildStage.OUTPUT), BuildStage.jsonl(result.examples()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("read", result.summary().read());
        summary.put("written", result.summary().written());
        summary.put("dropped", result.summary().dropped());
        summary.put("train", split.train().size());
        summary.put("validation", split.validation().size());
        summary.put("validation_fraction", options.validation());
        summary.put("seed", options.seed());
        summary.put("cutoff", renderer == null ? 0 : options.cutoff());
        summary.put("tokens", result.summary().tokens());
        summary.put("longest", result.rendered().stream().mapToInt(RenderedExample::tokens).max().orElse(0));
        summary.put("tokenizer", tokenizer);
        summary.put("template", template.isEmpty() ? null : template);
        Map<String, String> folders = new LinkedHashMap<>();
        exports.forEach((name, path) -> folders.put(name, dir.relativize(path) + "/"));
        summary.put("exports", folders);
        write(dir.resolve(SUMMARY), JsonCodec.pretty(summary));
        return new Outcome(result, split, exports, summary);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
