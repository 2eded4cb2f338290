package drp.core.trace;

import drp.core.answer.AnswerExtractor;
import drp.core.answer.ExtractedAnswer;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonlFormatException;
import drp.core.io.JsonlReader;
import drp.core.io.JsonlRecord;
import drp.core.io.ReadResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads traces from JSONL through a {@link TraceFields} mapping. A record that lacks a question or
 * any trace text is an error at its file:line naming the fields tried.
 *
 * <p>Trace ids are unique in a file, because pruned.jsonl is keyed by them: a second record with
 * the same id would be skipped as already done and lost. The id is the first id field present
 * ({@code id}, {@code trace_id}, {@code problem_id}, {@code unique_id}), else a hash of question
 * and reasoning. Files often hold several samples of one problem under its problem id, so when the
 * record also carries a sample index ({@code sample_index}, {@code sample}, {@code sample_idx},
 * {@code completion_index}) the id is {@code <id>#<sample index>}, the key drp's own graded files
 * use; an id that already ends in {@code #<sample index>} (completions.jsonl's {@code <problem
 * id>#s<seed>#<sample index>}) is kept as it is. Two records that still share an id are refused in
 * either error policy, naming both lines and the ways to tell them apart: dropping either would
 * lose a record without a word.
 */
public final class TraceReader {

    private final TraceFields fields;
    private final AnswerExtractor extractor;

    public TraceReader(TraceFields fields, AnswerExtractor extractor) {
        this.fields = Objects.requireNonNull(fields, "fields");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
    }

    /**
     * Reads every trace of {@code file}.
     *
     * @throws JsonlFormatException at the first malformed record (strict), or, in either
     *         policy, at the second of two records with the same trace id
     */
    public ReadResult<Trace> read(Path file, ErrorPolicy policy) {
        ReadResult<Located> read = JsonlReader.read(file, policy, this::locate);
        Map<String, Located> byId = new HashMap<>();
        List<Trace> traces = new ArrayList<>(read.items().size());
        for (Located l : read.items()) {
            Located first = byId.putIfAbsent(l.trace().id(), l);
            if (first != null) {
                throw duplicate(first, l);
            }
            traces.add(l.trace());
        }
        return new ReadResult<>(traces, read.errors());
    }

    /** Maps one record; throws a located error when a required field is missing. */
    public Trace toTrace(JsonlRecord record) {
        return locate(record).trace();
    }

    /** A trace with where it came from and which fields made its id, for the duplicate-id error. */
    private record Located(Trace trace, JsonlRecord record, String idField, String sampleField) {}

    private JsonlFormatException duplicate(Located first, Located second) {
        String id = second.trace().id();
        String fix;
        if (second.sampleField() != null) {
            fix = "both records have " + second.sampleField() + " " + second.record().text(second.sampleField()).orElse("")
                    + "; give each its own id (--id-field NAME) or its own sample index";
        } else {
            fix = "map a field that is unique per record with --id-field NAME, or, for several samples of one"
                    + " problem, a sample-index field with --sample-field NAME (read by default: "
                    + String.join(", ", fields.sample()) + "), which makes the id <id>#<sample index>";
        }
        String where = first.record().file() + ":" + first.record().line();
        return second.record().error(second.idField(), "duplicate id '" + id + "', also at " + where + "; " + fix);
    }

    private Located locate(JsonlRecord record) {
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
        String idField = firstName(record, fields.id());
        String id = idField != null ? record.text(idField).orElseThrow() : contentId(question, think);
        String sampleField = firstName(record, fields.sample());
        if (sampleField != null) {
            String suffix = "#" + record.text(sampleField).orElseThrow();
            if (!id.endsWith(suffix)) {
                id += suffix;
            }
        }
        return new Located(new Trace(id, question, think, finalPart, answer, gold, correct, finished), record,
                idField, sampleField);
    }

    /** The first of {@code names} that the record has a value for, or null. */
    private static String firstName(JsonlRecord record, List<String> names) {
        for (String name : names) {
            if (record.text(name).isPresent()) {
                return name;
            }
        }
        return null;
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
