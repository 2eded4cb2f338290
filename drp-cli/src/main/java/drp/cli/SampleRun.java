package drp.cli;

import drp.core.bench.Benchmark;
import drp.core.stage.EvalStage;
import drp.core.chat.ChatRequest;
import drp.core.io.ResumableJsonlWriter;
import drp.core.problem.Problem;
import drp.core.stage.CompletionRecord;
import drp.core.stage.SampleStage;
import drp.core.stage.Sampling;
import drp.llm.meter.TokenEstimate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code sample} and {@code eval} share: the checks on how many outputs to draw, and the
 * sample stage run with a cost estimate first and a progress line.
 */
final class SampleRun {

    private SampleRun() {}

    /**
     * The sampling {@code options} ask for, once {@code --samples} and {@code --limit} are checked,
     * and that greedy decoding is not asked for several samples (they would all be one output).
     */
    static Sampling sampling(SamplingOptions options, int samples, Integer limit) {
        if (samples < 1) {
            throw new UserError("--samples must be at least 1, got " + samples);
        }
        if (limit != null && limit < 1) {
            throw new UserError("--limit must be at least 1, got " + limit);
        }
        Sampling sampling = options.sampling();
        if (sampling.greedy() && samples > 1) {
            throw new UserError("--greedy with --samples " + samples + " would draw the same output " + samples + " times");
        }
        return sampling;
    }

    /** The first {@code limit} problems; all of them when {@code limit} is null. */
    static List<Problem> first(List<Problem> problems, Integer limit) {
        return limit != null && limit < problems.size() ? problems.subList(0, limit) : problems;
    }

    static SampleStage.Outcome run(String label, SampleStage stage, List<SampleStage.Item> items, Path output,
            StageModel model, PrintWriter err, Path log) {
        estimate(label, stage, items, output, model, err);
        try (Shown shown = Shown.of(label, model, err, log)) {
            return stage.run(items, output, shown);
        }
    }

    /** One eval pass of {@code stage}: the estimate, then the answers with a progress line, then grading. */
    static EvalStage.Result eval(String label, EvalStage stage, Benchmark benchmark, List<Problem> problems,
            EvalStage.Pass pass, Path dir, StageModel model, PrintWriter err, Path log) {
        estimate(label, stage.sampler(benchmark, pass), SampleStage.plan(problems, pass.seeds(), pass.samples()),
                EvalStage.completions(benchmark, dir), model, err);
        try (Shown shown = Shown.of(label, model, err, log)) {
            return stage.run(benchmark, problems, pass, dir, shown);
        }
    }

    /** Prints what the outputs not yet drawn should cost. */
    private static void estimate(String label, SampleStage stage, List<SampleStage.Item> items, Path output,
            StageModel model, PrintWriter err) {
        Set<String> done;
        try (ResumableJsonlWriter existing = ResumableJsonlWriter.open(output, "id")) {
            done = existing.ids();
        }
        List<ChatRequest> requests = items.stream().filter(i -> !done.contains(i.id())).map(stage::request).toList();
        long prompt = 0;
        long completion = 0;
        TokenEstimate estimate = TokenEstimate.approximate();
        for (ChatRequest r : requests) {
            prompt += estimate.promptTokens(r);
            completion += TokenEstimate.completionTokens(r, 0);
        }
        model.printEstimate(err, label, requests.size(), prompt, completion, model.price().orElse(null));
    }

    /** A sampling pass on a progress line whose detail is the share correct so far and the calls' usage. */
    private record Shown(Progress progress, AtomicLong correct, AtomicLong graded) implements SampleStage.Listener,
            AutoCloseable {

        static Shown of(String label, StageModel model, PrintWriter err, Path log) {
            AtomicLong correct = new AtomicLong();
            AtomicLong graded = new AtomicLong();
            Progress progress = new Progress(label, err, log, () -> (graded.get() == 0 ? ""
                    : String.format("correct %d/%d | ", correct.get(), graded.get())) + model.progress());
            return new Shown(progress, correct, graded);
        }

        @Override
        public void started(int total, int alreadyDone) {
            progress.start(total, alreadyDone);
        }

        @Override
        public void finished(CompletionRecord record) {
            if (record.correct() != null) {
                graded.incrementAndGet();
                correct.addAndGet(record.correct() ? 1 : 0);
            }
            progress.step();
        }

        @Override
        public void close() {
            progress.close();
        }
    }

    /** The model an endpoint names, before it is opened: the served model, or the file's name. */
    static String modelName(drp.llm.endpoint.ModelEndpoint endpoint) {
        return switch (endpoint) {
            case drp.llm.endpoint.ModelEndpoint.Remote r -> r.spec().model();
            case drp.llm.endpoint.ModelEndpoint.Local l -> {
                String path = l.location().replaceFirst("\\?.*$", "");
                yield Path.of(path).getFileName() == null ? l.provider().scheme()
                        : Path.of(path).getFileName().toString().replaceFirst("(?i)\\.gguf$", "");
            }
        };
    }

    /** A name for a folder: letters, digits, dot, dash and underscore kept, anything else an underscore. */
    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }
}
