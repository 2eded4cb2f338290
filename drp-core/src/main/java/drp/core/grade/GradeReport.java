package drp.core.grade;

import drp.core.io.RecordError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link GradeJob} did.
 *
 * @param summary        the summary of everything the graded file holds for the benchmark
 * @param gradedFile     the graded JSONL
 * @param summaryFile    the summary JSON
 * @param read           outputs read from the input
 * @param graded         outputs graded by this run
 * @param alreadyGraded  outputs skipped because the graded file already held them
 * @param errors         input records that could not be graded (LENIENT mode)
 * @param elapsed        wall time of the grading (reading and writing included)
 */
public record GradeReport(RunSummary summary, Path gradedFile, Path summaryFile, int read, int graded,
        int alreadyGraded, List<RecordError> errors, Duration elapsed) {

    public GradeReport {
        errors = List.copyOf(errors);
    }

    /** Outputs graded per second by this run. */
    public double gradedPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? graded / seconds : 0;
    }
}
