package drp.core.stage;

import drp.core.io.ErrorPolicy;
import drp.core.io.JsonlReader;
import drp.core.io.ReadResult;
import drp.core.io.ResumableJsonlWriter;
import drp.core.teacher.Teacher;
import drp.core.teacher.TeacherResult;
import drp.core.token.TokenCounter;
import drp.core.trace.Trace;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * The prune stage: runs a teacher over traces and appends one {@link PrunedRecord} per trace to
 * pruned.jsonl. Resumable: ids already in the file are skipped, so a killed run continues where
 * it stopped without duplicating or losing a trace.
 *
 * <p>With an LLM teacher, a trace whose calls fail (after the model stack's retries) is not
 * recorded, so a rerun tries it again; a spent budget, a refused key or an endpoint that keeps
 * failing stops the stage early, keeping everything written (see {@link CallReport}). A trace whose
 * call was deferred to a batch job is not recorded either, and counted as deferred.
 */
public final class PruneStage {

    /** The output file name inside a run directory. */
    public static final String OUTPUT = "pruned.jsonl";

    /** Receives progress; called from worker threads, one call at a time. */
    public interface Listener {
        void started(int total, int alreadyDone);

        void finished(PrunedRecord record);

        Listener NONE = new Listener() {
            @Override
            public void started(int total, int alreadyDone) {}

            @Override
            public void finished(PrunedRecord record) {}
        };
    }

    /**
     * What this invocation did (a resumed run counts only its own work).
     *
     * @param calls traces left undone because calls failed or were deferred, and why the stage
     *              stopped early, if it did
     */
    public record Outcome(int selected, int alreadyDone, int pruned, int failed, CallReport calls) {}

    private final Teacher teacher;
    private final TokenCounter counter;
    private final int concurrency;
    private final ThreadFactory threads;

    /**
     * A stage on platform threads, for teachers that compute (the heuristic teacher).
     *
     * @param teacher     the teacher
     * @param counter     counts tokens before and after
     * @param concurrency traces in flight at once
     */
    public PruneStage(Teacher teacher, TokenCounter counter, int concurrency) {
        this(teacher, counter, concurrency, Thread.ofPlatform().daemon().factory());
    }

    /**
     * @param threads makes the workers: virtual threads for teachers that wait on models
     */
    public PruneStage(Teacher teacher, TokenCounter counter, int concurrency, ThreadFactory threads) {
        this.teacher = Objects.requireNonNull(teacher, "teacher");
        this.counter = Objects.requireNonNull(counter, "counter");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.concurrency = concurrency;
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    /**
     * Prunes {@code traces} into {@code output}, skipping ids already there.
     *
     * @throws IllegalArgumentException when two traces share an id: the second would be taken for
     *         done and lost ({@link drp.core.trace.TraceReader} refuses such files with their lines)
     */
    public Outcome run(List<Trace> traces, Path output, Listener listener) {
        Set<String> ids = new HashSet<>();
        for (Trace t : traces) {
            if (!ids.add(t.id())) {
                throw new IllegalArgumentException("two traces have the id '" + t.id() + "'; ids must be unique");
            }
        }
        try (ResumableJsonlWriter writer = ResumableJsonlWriter.open(output, "id")) {
            List<Trace> todo = traces.stream().filter(t -> !writer.contains(t.id())).toList();
            int alreadyDone = traces.size() - todo.size();
            listener.started(traces.size(), alreadyDone);
            // written under the runner's lock, read once its workers are done
            int[] counts = new int[2];
            CallReport calls = new ConcurrentStageRunner(concurrency, threads, "prune", "pruning")
                    .run(todo, writer, this::prune, record -> {
                        counts[record.ok() ? 0 : 1]++;
                        listener.finished(record);
                    });
            return new Outcome(traces.size(), alreadyDone, counts[0], counts[1], calls);
        }
    }

    /** Prunes one trace into its record. */
    public PrunedRecord prune(Trace trace) {
        TeacherResult result = teacher.prune(trace);
        List<PrunedRecord.StepView> steps = result.steps().stream()
                .map(s -> new PrunedRecord.StepView(s.index(), s.text(), s.skill())).toList();
        String teacherId = teacher.name() + " " + teacher.version();
        int before = counter.count(trace.think());
        return switch (result) {
            case TeacherResult.Pruned p -> new PrunedRecord(trace.id(), PrunedRecord.OK, trace.question(),
                    trace.answer(), trace.gold(), teacherId, steps, p.plan().decisions(), p.synthesis().steps(),
                    p.synthesis().text(), before, counter.count(p.synthesis().text()), true, null, null, List.of(),
                    p.attempts());
            case TeacherResult.Failed f -> new PrunedRecord(trace.id(), PrunedRecord.FAILED, trace.question(),
                    trace.answer(), trace.gold(), teacherId, steps, List.of(), List.of(), null, before, null, null,
                    f.reason(), f.detail(), PrunedRecord.messages(f.violations()), f.attempts());
        };
    }

    /** Reads pruned.jsonl back (strict: it is drp's own output). */
    public static List<PrunedRecord> read(Path output) {
        ReadResult<PrunedRecord> result = JsonlReader.read(output, ErrorPolicy.STRICT,
                r -> drp.core.io.JsonCodec.convert(r.node(), PrunedRecord.class));
        return result.items();
    }
}
