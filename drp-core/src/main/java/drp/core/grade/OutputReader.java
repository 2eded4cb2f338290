package drp.core.grade;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonlReader;
import drp.core.io.JsonlRecord;
import drp.core.io.ReadResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads model outputs from JSONL through an {@link OutputFields} mapping. Every problem is
 * numbered on its own: without a sample-index field the outputs of a problem are samples 0, 1,
 * 2... in file order. Two outputs with the same problem, seed and sample index are an error at the
 * second one's line.
 */
public final class OutputReader {

    private OutputReader() {}

    public static ReadResult<ModelOutput> read(Path file, OutputFields fields, ErrorPolicy policy) {
        return read(file, fields, policy, id -> Optional.empty());
    }

    /**
     * Reads outputs, checking each problem id as it goes so that an unknown problem is an error at
     * its own line, in file order with the other errors.
     *
     * @param problemCheck what is wrong with a problem id, or empty when it is fine
     */
    public static ReadResult<ModelOutput> read(Path file, OutputFields fields, ErrorPolicy policy,
            Function<String, Optional<String>> problemCheck) {
        Map<String, Integer> nextIndex = new HashMap<>();
        Map<String, Integer> seenAt = new HashMap<>();
        return JsonlReader.read(file, policy, record -> {
            String problemId = record.requireText(fields.problemId()).strip();
            if (problemId.isEmpty()) {
                throw record.error(fields.problemId(), "blank problem id");
            }
            Optional<String> problem = problemCheck.apply(problemId);
            if (problem.isPresent()) {
                throw record.error(fields.problemId(), problem.get());
            }
            String text = record.requireText(fields.text());
            String think = fields.think().flatMap(record::text).orElse(null);
            Long seed = fields.seed().flatMap(f -> integer(record, f, Long.MIN_VALUE)).orElse(null);
            Optional<Long> given = fields.sampleIndex().flatMap(f -> integer(record, f, 0));
            Long tokens = fields.tokens().flatMap(f -> integer(record, f, 0)).orElse(null);
            if (tokens != null && tokens > Integer.MAX_VALUE) {
                throw record.error(fields.tokens().orElseThrow(), "token count too large: " + tokens);
            }
            String finish = fields.finishReason().flatMap(record::text).orElse(null);
            String counterKey = seed == null ? problemId : problemId + "#s" + seed;
            int sample;
            if (given.isPresent()) {
                if (given.get() > Integer.MAX_VALUE) {
                    throw record.error(fields.sampleIndex().orElseThrow(), "sample index too large: " + given.get());
                }
                sample = given.get().intValue();
            } else {
                sample = nextIndex.getOrDefault(counterKey, 0);
            }
            nextIndex.merge(counterKey, sample + 1, Math::max);
            String key = GradedRecord.key(problemId, seed, sample);
            Integer earlier = seenAt.putIfAbsent(key, record.line());
            if (earlier != null) {
                throw record.error(fields.sampleIndex().orElse(fields.problemId()),
                        "second output for problem " + problemId + (seed == null ? "" : " seed " + seed)
                                + " sample " + sample + " (first at line " + earlier + ")");
            }
            return new ModelOutput(problemId, sample, seed, text, think, tokens == null ? null : tokens.intValue(),
                    finish, file, record.line());
        });
    }

    /** An integer field when present: a JSON integer, or a string of digits; at least {@code min}. */
    static Optional<Long> integer(JsonlRecord record, String field, long min) {
        JsonNode value = record.node().get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        long n;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            n = value.longValue();
        } else if (value.isTextual() && value.asText().strip().matches("-?\\d{1,18}")) {
            n = Long.parseLong(value.asText().strip());
        } else if (value.isFloatingPointNumber() && value.doubleValue() == Math.rint(value.doubleValue())
                && Math.abs(value.doubleValue()) < 1e15) {
            n = (long) value.doubleValue();
        } else {
            throw record.error(field, "expected an integer, found " + value);
        }
        if (n < min) {
            throw record.error(field, "expected an integer >= " + min + ", found " + n);
        }
        return Optional.of(n);
    }
}
