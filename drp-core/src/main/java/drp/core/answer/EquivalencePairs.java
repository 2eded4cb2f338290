package drp.core.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Audits grading in bulk ({@code drp equiv --in PAIRS.jsonl}): reads one JSON object per line with
 * fields {@code gold} and {@code pred}, writes one JSON object per pair, in input order, with the
 * verdict and its explanation ({@link Explanation#toMap()}); an {@code id} field is copied through.
 * Blank lines are skipped. A line that is not a JSON object, or lacks {@code gold}, stops the run
 * with an error naming the source, the line and the field. A {@code pred} that is null counts as
 * no answer (UNPARSEABLE), as an extractor that found nothing would give.
 */
public final class EquivalencePairs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 256;

    private final EquivalenceChecker checker;
    private final int parallelism;

    /** @param parallelism threads checking pairs at once (their Symja work shares the checker's workers) */
    public EquivalencePairs(EquivalenceChecker checker, int parallelism) {
        this.checker = Objects.requireNonNull(checker, "checker");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /** Counts per verdict, for a summary line. */
    public record Summary(int pairs, int correct, int wrong, int unparseable, int timedOut) {}

    /**
     * Checks every pair read from {@code in} and writes the verdicts to {@code out}.
     *
     * @param source the input's name for error messages (a file name, or "stdin")
     * @throws IllegalArgumentException on a malformed line, naming {@code source:line}
     */
    public Summary run(BufferedReader in, String source, Writer out) throws IOException {
        int[] counts = new int[4];
        int lineNo = 0;
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "drp-equiv-pairs");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Pair> batch = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                batch.add(parse(line, source, lineNo));
                if (batch.size() == BATCH) {
                    write(checkAll(batch, pool), out, counts);
                    batch.clear();
                }
            }
            write(checkAll(batch, pool), out, counts);
        } finally {
            pool.shutdownNow();
        }
        out.flush();
        return new Summary(counts[0] + counts[1] + counts[2] + counts[3], counts[0], counts[1], counts[2], counts[3]);
    }

    private record Pair(String id, String gold, String pred) {}

    private static Pair parse(String line, String source, int lineNo) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ":" + lineNo + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(source + ":" + lineNo + ": expected a JSON object with fields gold and pred");
        }
        String gold = field(node, "gold", source, lineNo, false);
        String pred = field(node, "pred", source, lineNo, true);
        JsonNode id = node.get("id");
        return new Pair(id == null || id.isNull() ? null : id.asText(), gold, pred);
    }

    private static String field(JsonNode node, String name, String source, int lineNo, boolean nullable) {
        JsonNode v = node.get(name);
        if (v == null) {
            throw new IllegalArgumentException(source + ":" + lineNo + ": missing field '" + name + "'");
        }
        if (v.isNull() && nullable) {
            return "";
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new IllegalArgumentException(source + ":" + lineNo + ": field '" + name + "' must be a string or a number, got "
                    + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return v.asText();
    }

    private List<Map<String, Object>> checkAll(List<Pair> batch, ExecutorService pool) {
        List<Future<Map<String, Object>>> futures = new ArrayList<>();
        for (Pair p : batch) {
            futures.add(pool.submit(() -> {
                Map<String, Object> m = checker.explain(p.gold(), p.pred()).toMap();
                if (p.id() != null) {
                    Map<String, Object> withId = new java.util.LinkedHashMap<>();
                    withId.put("id", p.id());
                    withId.putAll(m);
                    return withId;
                }
                return m;
            }));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Future<Map<String, Object>> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking pairs", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("checking a pair failed", e.getCause());
            }
        }
        return out;
    }

    private static void write(List<Map<String, Object>> rows, Writer out, int[] counts) throws IOException {
        for (Map<String, Object> row : rows) {
            try {
                out.write(JSON.writeValueAsString(row));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            out.write('\n');
            switch ((String) row.get("verdict")) {
                case "CORRECT" -> counts[0]++;
                case "WRONG" -> counts[1]++;
                case "UNPARSEABLE" -> counts[2]++;
                default -> counts[3]++;
            }
        }
    }
}
