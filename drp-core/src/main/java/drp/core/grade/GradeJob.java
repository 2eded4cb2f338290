package drp.core.grade;

import drp.core.io.ErrorPolicy;
import drp.core.io.JsonCodec;
import drp.core.io.ReadResult;
import drp.core.io.RecordError;
import drp.core.io.ResumableJsonlWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Grades an outputs file into a graded JSONL file and a summary JSON file.
 *
 * <p>The graded file is appended to through {@link ResumableJsonlWriter}, keyed by the record id:
 * outputs it already holds are not graded again, so a killed run resumes where it stopped
 * ({@link #restart} starts the file afresh instead). Outputs are graded in batches, in parallel
 * within a batch, and written in input order. The summary is computed from everything the graded
 * file holds for the benchmark once grading is done, and written atomically (a temporary file,
 * then a rename).
 *
 * @param grader            the grader (benchmark, checker, extractor, token counter)
 * @param outputs           the outputs JSONL
 * @param fields            where the outputs keep each part
 * @param gradedFile        the graded JSONL to write
 * @param summaryFile       the summary JSON to write
 * @param policy            STRICT stops at the first bad input record; LENIENT skips it and reports it
 * @param samplesPerProblem when present, every problem with outputs must have exactly this many
 * @param summaryOptions    bootstrap and token cutoff
 * @param restart           delete an existing graded file first instead of resuming it
 */
public record GradeJob(Grader grader, Path outputs, OutputFields fields, Path gradedFile, Path summaryFile,
        ErrorPolicy policy, OptionalInt samplesPerProblem, SummaryOptions summaryOptions, boolean restart) {

    /** Outputs graded, then written, per batch. */
    static final int BATCH = 512;

    public GradeJob {
        Objects.requireNonNull(grader, "grader");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(gradedFile, "gradedFile");
        Objects.requireNonNull(summaryFile, "summaryFile");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(samplesPerProblem, "samplesPerProblem");
        Objects.requireNonNull(summaryOptions, "summaryOptions");
        if (samplesPerProblem.isPresent() && samplesPerProblem.getAsInt() < 1) {
            throw new IllegalArgumentException("samples per problem must be >= 1");
        }
    }

    /** drp's completions format, strict, no expected sample count, default summary, resuming. */
    public static GradeJob of(Grader grader, Path outputs, Path gradedFile, Path summaryFile) {
        return new GradeJob(grader, outputs, OutputFields.COMPLETIONS, gradedFile, summaryFile, ErrorPolicy.STRICT,
                OptionalInt.empty(), SummaryOptions.defaults(), false);
    }

    public GradeJob withFields(OutputFields f) {
        return new GradeJob(grader, outputs, f, gradedFile, summaryFile, policy, samplesPerProblem, summaryOptions, restart);
    }

    public GradeJob withPolicy(ErrorPolicy p) {
        return new GradeJob(grader, outputs, fields, gradedFile, summaryFile, p, samplesPerProblem, summaryOptions, restart);
    }

    public GradeJob withSamplesPerProblem(int k) {
        return new GradeJob(grader, outputs, fields, gradedFile, summaryFile, policy, OptionalInt.of(k), summaryOptions,
                restart);
    }

    public GradeJob withSummaryOptions(SummaryOptions o) {
        return new GradeJob(grader, outputs, fields, gradedFile, summaryFile, policy, samplesPerProblem, o, restart);
    }

    public GradeJob withRestart(boolean r) {
        return new GradeJob(grader, outputs, fields, gradedFile, summaryFile, policy, samplesPerProblem, summaryOptions, r);
    }

    /** Reads, grades, writes; returns what was done. */
    public GradeReport run() {
        long start = System.nanoTime();
        ReadResult<ModelOutput> read = OutputReader.read(outputs, fields, policy, grader::problemError);
        checkSamplesPerProblem(read.items());
        List<RecordError> errors = new ArrayList<>(read.errors());
        if (restart) {
            delete(gradedFile);
        }
        int graded = 0;
        int skipped = 0;
        try (ResumableJsonlWriter writer = ResumableJsonlWriter.open(gradedFile, "id")) {
            List<ModelOutput> pending = new ArrayList<>();
            for (ModelOutput output : read.items()) {
                if (writer.contains(output.key())) {
                    skipped++;
                } else {
                    pending.add(output);
                }
            }
            for (int from = 0; from < pending.size(); from += BATCH) {
                List<ModelOutput> batch = pending.subList(from, Math.min(pending.size(), from + BATCH));
                ReadResult<GradedRecord> result = grader.grade(batch, policy);
                errors.addAll(result.errors());
                for (GradedRecord record : result.items()) {
                    graded += writer.append(record) ? 1 : 0;
                }
            }
        }
        String benchmark = grader.benchmark().name();
        List<GradedRecord> all = GradedRecords.read(gradedFile, ErrorPolicy.STRICT).items().stream()
                .filter(r -> r.benchmark().equals(benchmark)).toList();
        RunSummary summary = RunSummary.of(benchmark, all, grader.problemCount(), grader.tokenSource(),
                errors.stream().map(RecordError::toString).toList(), summaryOptions);
        writeAtomically(summaryFile, JsonCodec.pretty(summary));
        return new GradeReport(summary, gradedFile, summaryFile, read.items().size(), graded, skipped, errors,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void checkSamplesPerProblem(List<ModelOutput> read) {
        if (samplesPerProblem.isEmpty()) {
            return;
        }
        int k = samplesPerProblem.getAsInt();
        Map<String, Integer> counts = new TreeMap<>();
        read.forEach(o -> counts.merge(o.problemId(), 1, Integer::sum));
        List<String> off = counts.entrySet().stream().filter(e -> e.getValue() != k)
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        if (!off.isEmpty()) {
            throw new IllegalArgumentException(outputs + ": expected " + k + " outputs per problem, but "
                    + off.size() + " problems differ: " + String.join(", ", off.subList(0, Math.min(5, off.size())))
                    + (off.size() > 5 ? ", ..." : ""));
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeAtomically(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
