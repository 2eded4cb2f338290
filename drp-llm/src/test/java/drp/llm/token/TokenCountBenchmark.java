package drp.llm.token;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import drp.core.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Qwen2 token counting throughput on the think text of the 153 real R1 traces (one op = all 153
 * texts), four ways side by side: one count per call on one thread; one native batch (the Rust
 * side encodes it in parallel); one count per call from Java's common pool; and, as the
 * baseline our counter's lean JNI path replaces, DJL's full {@code encode()} per text. The
 * {@code tokens} column is tokens/s. Run: see BENCHMARKS.md ("Exact token counting").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenCountBenchmark {

    private ExactTokenCounter counter;
    private HuggingFaceTokenizer djlEncode;
    private List<String> thinks;

    /** Tokens counted in the iteration: JMH reports it per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Tokens {
        public long tokens;

        @Setup(Level.Iteration)
        public void reset() {
            tokens = 0;
        }
    }

    @Setup
    public void load() throws IOException {
        Path qwen2 = SharedData.root().resolve("tokenizers/qwen2");
        Path traces = SharedData.root().resolve("traces/r1-distill-llama-8b.math.jsonl");
        if (!Files.isDirectory(qwen2) || !Files.isRegularFile(traces)) {
            throw new IllegalStateException("the benchmark needs ../shared/data (set -Ddrp.shared.data): " + qwen2);
        }
        counter = TokenizerLoader.load(qwen2);
        djlEncode = HuggingFaceTokenizer.builder()
                .optTokenizerPath(qwen2)
                .optAddSpecialTokens(false)
                .optTruncation(false)
                .optPadding(false)
                .build();
        ObjectMapper json = new ObjectMapper();
        thinks = new ArrayList<>();
        for (String line : Files.readAllLines(traces)) {
            thinks.add(json.readTree(line).get("think").asText());
        }
        // the same digest as bench/hf-tokenizers-js/compare.mjs prints, to compare every count
        int[] counts = counter.countAll(thinks);
        String joined = Arrays.stream(counts).mapToObj(Integer::toString).collect(Collectors.joining(","));
        String digest = HexFormat.of().formatHex(sha256(joined)).substring(0, 16);
        long characters = thinks.stream().mapToLong(String::length).sum();
        System.out.printf("%n%d think texts, %d characters, %d Qwen2 tokens, sha256(counts) %s%n",
                thinks.size(), characters, Arrays.stream(counts).asLongStream().sum(), digest);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @TearDown
    public void close() {
        counter.close();
        djlEncode.close();
    }

    @Benchmark
    public void singleThreadOneCallPerText(Tokens tokens) {
        for (String text : thinks) {
            tokens.tokens += counter.count(text);
        }
    }

    @Benchmark
    public void nativeBatch(Tokens tokens) {
        for (int count : counter.countAll(thinks)) {
            tokens.tokens += count;
        }
    }

    @Benchmark
    public void parallelStreamOneCallPerText(Tokens tokens) {
        tokens.tokens += thinks.parallelStream().mapToLong(counter::count).sum();
    }

    @Benchmark
    public void djlFullEncodingPerText(Tokens tokens) {
        for (String text : thinks) {
            tokens.tokens += djlEncode.encode(text).getIds().length;
        }
    }
}
