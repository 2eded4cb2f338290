package drp.cli;

import drp.core.io.ErrorPolicy;
import drp.core.io.JsonlReader;
import drp.core.io.JsonlRecord;
import drp.core.io.ReadResult;
import drp.core.io.RecordError;
import drp.core.token.TokenCounter;
import drp.llm.token.TokenizerLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drp tokens}: exact token counts with a model's own tokenizer. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = {"Count tokens exactly as a model's tokenizer does (no special tokens, no truncation).",
                "JSONL files (*.jsonl) are counted field by field; other files, and standard input, as plain text."},
        footer = {"", "Examples:",
                "  drp tokens --tokenizer ../shared/data/tokenizers/qwen2 --field think traces.jsonl",
                "  drp tokens --tokenizer ../shared/data/tokenizers/qwen2 --per-record runs/r1/pruned.jsonl --field synthesized",
                "  echo 'Hello world' | drp tokens --tokenizer ../shared/data/tokenizers/qwen2"})
final class TokensCommand implements Callable<Integer> {

    private static final List<String> DEFAULT_FIELDS = List.of("think", "text", "output", "completion", "response", "synthesized");

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Option(names = "--tokenizer", required = true, paramLabel = "DIR|FILE",
            description = "A tokenizer.json, or a folder with tokenizer.json or vocab.json + merges.txt.")
    Path tokenizer;

    @Option(names = "--field", paramLabel = "NAME",
            description = "The JSONL field to count (default: the first of think, text, output, completion, response, synthesized).")
    String field;

    @Option(names = "--per-record", description = "Also print one line per record: file:line, id, tokens.")
    boolean perRecord;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to count; none or '-' reads standard input.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        TokenCounter counter = TokenizerLoader.load(tokenizer);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (files.isEmpty() || (files.size() == 1 && files.get(0).toString().equals("-"))) {
            String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            out.println(counter.count(text));
            return 0;
        }
        long grand = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new UserError("file not found: " + file);
            }
            grand += file.toString().endsWith(".jsonl") ? countJsonl(file, counter, out, err) : countText(file, counter, out);
        }
        if (files.size() > 1) {
            out.printf("total %d tokens%n", grand);
        }
        out.flush();
        return 0;
    }

    private long countText(Path file, TokenCounter counter, PrintWriter out) {
        try {
            int n = counter.count(Files.readString(file, StandardCharsets.UTF_8));
            out.printf("%s  %d tokens%n", file, n);
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private long countJsonl(Path file, TokenCounter counter, PrintWriter out, PrintWriter err) {
        ReadResult<JsonlRecord> read = JsonlReader.read(file, ErrorPolicy.LENIENT);
        for (RecordError e : read.errors()) {
            err.println("drp: skipped " + e);
        }
        List<String> texts = new ArrayList<>();
        List<JsonlRecord> counted = new ArrayList<>();
        for (JsonlRecord record : read.items()) {
            Optional<String> text = field != null ? record.text(field) : DEFAULT_FIELDS.stream()
                    .map(record::text).flatMap(Optional::stream).findFirst();
            if (text.isEmpty()) {
                err.println("drp: skipped " + file + ":" + record.line() + ": no field "
                        + (field != null ? "'" + field + "'" : "among " + DEFAULT_FIELDS));
                continue;
            }
            texts.add(text.get());
            counted.add(record);
        }
        int[] counts = counter.countAll(texts);
        long total = 0;
        int max = 0;
        for (int i = 0; i < counts.length; i++) {
            total += counts[i];
            max = Math.max(max, counts[i]);
            if (perRecord) {
                JsonlRecord r = counted.get(i);
                String id = r.text("id").or(() -> r.text("problem_id")).orElse("-");
                out.printf("%s:%d  %s  %d%n", file, r.line(), id, counts[i]);
            }
        }
        out.printf("%s  %d records  %d tokens  mean %.1f  max %d  (%s)%n", file, counts.length, total,
                counts.length == 0 ? 0.0 : (double) total / counts.length, max, counter.name());
        return total;
    }
}
