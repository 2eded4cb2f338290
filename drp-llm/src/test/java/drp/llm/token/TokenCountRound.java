package drp.llm.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One round of the token-count comparison (bench/token-count.sh), drp's side: the time
 * {@code TokenizerLoader.load} takes in a fresh JVM, then tokens/s counting the think texts of the
 * 153 real R1 traces one text at a time ({@code count}) and batched ({@code countAll}). Prints one
 * JSON line, like bench/token-count/count.mjs does for HuggingFace's Node binding.
 *
 * <p>Usage: {@code TokenCountRound SHARED_DATA_DIR PASSES}
 */
public final class TokenCountRound {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("traces/r1-distill-llama-8b.math.jsonl"))) {
            if (!line.isBlank()) {
                texts.add(json.readTree(line).path("think").asText());
            }
        }
        long t0 = System.nanoTime();
        HuggingFaceTokenCounter counter = TokenizerLoader.load(data.resolve("tokenizers/qwen2"));
        double loadS = (System.nanoTime() - t0) / 1e9;

        int[] counts = single(counter, texts);
        if (!Arrays.equals(counts, counter.countAll(texts))) {
            throw new IllegalStateException("single and batched counts differ");
        }
        long tokens = Arrays.stream(counts).asLongStream().sum();
        String joined = Arrays.stream(counts).mapToObj(Integer::toString).collect(Collectors.joining(","));
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(joined.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
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
        System.out.println(String.format(Locale.ROOT,
                "{\"impl\":\"drp\",\"load_s\":%.4f,\"single_tps\":%.1f,\"batched_tps\":%.1f,\"tokens\":%d,"
                        + "\"counts_sha256\":\"%s\",\"java\":\"%s\"}",
                loadS, median(single), median(batched), tokens, digest, Runtime.version()));
        counter.close();
    }

    private static int[] single(HuggingFaceTokenCounter counter, List<String> texts) {
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
