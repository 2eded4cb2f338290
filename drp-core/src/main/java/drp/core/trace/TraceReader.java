package drp.core.trace;

import drp.core.answer.AnswerExtractor;
import drp.core.answer.ExtractedAnswer;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonlReader;
import drp.core.io.JsonlRecord;
import drp.core.io.ReadResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads traces from JSONL through a {@link TraceFields} mapping. A record that lacks a question or
 * any trace text is an error at its file:line naming the fields tried.
 */
public final class TraceReader {

    private final TraceFields fields;
    private final AnswerExtractor extractor;

    public TraceReader(TraceFields fields, AnswerExtractor extractor) {
        this.fields = Objects.requireNonNull(fields, "fields");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
    }

    public ReadResult<Trace> read(Path file, ErrorPolicy policy) {
        return JsonlReader.read(file, policy, this::toTrace);
    }

    /** Maps one record; throws a located error when a required field is missing. */
    public Trace toTrace(JsonlRecord record) {
        String question = required(record, fields.question(), "question");
        String think;
        String finalPart;
        boolean closed;
        Optional<String> thinkField = first(record, fields.think());
        if (thinkField.isPresent()) {
            think = thinkField.get();
            finalPart = first(record, List.of("post_think", "final", "final_part")).orElse("");
            closed = true;
        } else {
            String output = required(record, fields.output(), "output");
            ThinkSplit split = ThinkSplit.of(output);
            think = split.think();
            finalPart = split.finalPart();
            closed = split.closed();
        }
        if (think.isBlank()) {
            throw record.error(String.join("|", fields.think().isEmpty() ? fields.output() : fields.think()),
                    "the trace has no reasoning (empty think text)");
        }
        boolean cut = first(record, fields.finishReason()).map("length"::equalsIgnoreCase).orElse(false);
        boolean finished = first(record, fields.finished()).map(Boolean::parseBoolean).orElse(closed && !cut);
        String answer = first(record, fields.answer())
                .or(() -> extractor.extract(finalPart).map(ExtractedAnswer::text))
                .or(() -> extractor.extract(think).map(ExtractedAnswer::text))
                .orElse("");
        String gold = first(record, fields.gold()).orElse(null);
        Boolean correct = first(record, fields.correct()).map(Boolean::parseBoolean).orElse(null);
        String id = first(record, fields.id()).orElseGet(() -> contentId(question, think));
        return new Trace(id, question, think, finalPart, answer, gold, correct, finished);
    }

    private static String required(JsonlRecord record, List<String> names, String role) {
        return first(record, names).orElseThrow(() -> record.error(String.join("|", names),
                "missing " + role + " (tried " + String.join(", ", names) + "; map it with --" + role + "-field)"));
    }

    private static Optional<String> first(JsonlRecord record, List<String> names) {
        for (String name : names) {
            Optional<String> value = record.text(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** A stable id from the content, for files that carry none. */
    static String contentId(String question, String think) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(question.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(think.getBytes(StandardCharsets.UTF_8));
            return "t-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
