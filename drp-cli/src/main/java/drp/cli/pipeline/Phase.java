package drp.cli.pipeline;

import drp.core.run.InputFile;
import drp.core.run.StageFingerprint;
import java.util.List;
import java.util.Map;

/**
 * One stage of a pipeline run, for the whole run (sample, report) or for one arm or model (prune,
 * build, distill, eval): what shapes its output (its fingerprint, which includes its inputs'),
 * what it writes, and the work. Phases read their inputs from the run directory, never from each
 * other's memory, so a pipeline can start at any stage of a run directory that holds the earlier
 * ones' outputs.
 */
public interface Phase {

    /** The stage: sample, prune, build, align, distill, eval or report. */
    String stage();

    /** Its name in run.json and progress lines: the stage, then {@code :ARM} or {@code :MODEL}. */
    String key();

    /** What shapes the output, or null for a phase that rewrites its output whole every time. */
    StageFingerprint fingerprint(RunContext ctx);

    /** The files it reads from outside the run's own outputs (datasets, benchmarks), with their hashes, for run.json. */
    default List<InputFile> inputs(RunContext ctx) {
        return List.of();
    }

    /** What did the work, by name: model, teacher with its version and prompt hashes, trainer; for run.json. */
    default Map<String, String> components(RunContext ctx) {
        return Map.of();
    }

    /**
     * Checks, before any phase of the run starts, what can be checked without doing the work (a
     * trainer's options, say), so that a mistake fails in seconds.
     */
    default void check(RunContext ctx) {}

    /** The files and folders it writes, relative to the run directory ({@code --restart} deletes them). */
    List<String> outputs();

    /** What it would do, for {@code --dry-run}: lines of the plan (requests, tokens, cost). */
    List<String> plan(RunContext ctx);

    /**
     * Does the work, resuming what an earlier run of the same fingerprint left.
     *
     * @return its counts for run.json (every input accounted for)
     * @throws PhaseStopped when calls failed or the budget ran out: what was done is kept
     */
    Map<String, Long> run(RunContext ctx);
}
