package drp.llm.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One round of the token-count comparison (bench/token-count.sh), drp's side: the time
 * {@code TokenizerLoader.load} takes in a fresh JVM, then tokens/s counting the think texts of the
 * 153 real R1 traces one text at a time ({@code count}) and batched ({@code countAll}). Prints one
 * JSON line, like bench/token-count/count.mjs does for HuggingFace's Node binding.
 *
 * <p>The load is measured twice, each in a JVM of its own: <b>cold</b> in this one, after
 * deleting drp's tokenizer cache (system property {@code drp.tokenizer.cache}, default
 * {@code drp-llm/target/token-count-cache}), so it reads the tokenizer.json; <b>warm</b> in a
 * second JVM started afterwards with the same class path, which finds the cache this one wrote.
 * The second JVM also counts the texts once, and its counts must be the same.
 *
 * <p>Usage: {@code TokenCountRound SHARED_DATA_DIR PASSES} ({@code --warm-load-only} as a third
 * argument: the second JVM's part)
 */
public final class TokenCountRound {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean warmOnly = args.length > 2 && args[2].equals("--warm-load-only");
        if (System.getProperty("drp.tokenizer.cache") == null) {
            System.setProperty("drp.tokenizer.cache", Path.of("drp-llm/target/token-count-cache").toAbsolutePath().toString());
        }
        Path cache = Path.of(System.getProperty("drp.tokenizer.cache"));
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("traces/r1-distill-llama-8b.math.jsonl"))) {
            if (!line.isBlank()) {
                texts.add(json.readTree(line).path("think").asText());
            }
        }
        if (!warmOnly) {
            deleteTree(cache);
        }
        long t0 = System.nanoTime();
        ExactTokenCounter counter = TokenizerLoader.load(data.resolve("tokenizers/qwen2"));
        double loadS = (System.nanoTime() - t0) / 1e9;

        int[] counts = single(counter, texts);
        String digest = digest(counts);
        if (warmOnly) {
            System.out.println(String.format(Locale.ROOT, "%.4f %s", loadS, digest));
            counter.close();
            return;
        }
        if (!Arrays.equals(counts, counter.countAll(texts))) {
            throw new IllegalStateException("single and batched counts differ");
        }
        long tokens = Arrays.stream(counts).asLongStream().sum();
        double[] single = new double[passes];
        double[] batched = new double[passes];
        for (int p = 0; p < passes; p++) {
            for (int k = 0; k < 2; k++) {
                boolean doSingle = (p % 2 == 0) == (k == 0);
                long start = System.nanoTime();
                if (doSingle) {
                    single(counter, texts);
                } else {
                    counter.countAll(texts);
                }
                double rate = tokens / ((System.nanoTime() - start) / 1e9);
                (doSingle ? single : batched)[p] = rate;
            }
        }
        counter.close();
        String warm = warmLoad(data, cache);
        String[] parts = warm.split(" ");
        if (!parts[1].equals(digest)) {
            throw new IllegalStateException("the warm-cache JVM counted differently: " + parts[1] + " vs " + digest);
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"impl\":\"drp\",\"counter\":\"%s\",\"load_s\":%.4f,\"load_warm_s\":%s,\"single_tps\":%.1f,"
                        + "\"batched_tps\":%.1f,\"tokens\":%d,\"counts_sha256\":\"%s\",\"java\":\"%s\"}",
                counter.getClass().getSimpleName(), loadS, parts[0], median(single), median(batched), tokens, digest,
                Runtime.version()));
    }

    /** Runs the warm half in a fresh JVM, once the cache file is there; returns its "seconds digest" line. */
    private static String warmLoad(Path data, Path cache) throws IOException, InterruptedException {
        for (int i = 0; i < 100 && !hasCacheFile(cache); i++) {
            Thread.sleep(50);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-Ddrp.tokenizer.cache=" + cache, "-cp", System.getProperty("java.class.path"),
                TokenCountRound.class.getName(), data.toString(), "0", "--warm-load-only")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the warm-cache JVM failed: " + out);
        }
        return out;
    }

    private static boolean hasCacheFile(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return false;
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.anyMatch(f -> f.toString().endsWith(".bpe"));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String digest(int[] counts) throws Exception {
        String joined = Arrays.stream(counts).mapToObj(Integer::toString).collect(Collectors.joining(","));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(joined.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    private static int[] single(ExactTokenCounter counter, List<String> texts) {
        int[] counts = new int[texts.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = counter.count(texts.get(i));
        }
        return counts;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
