package drp.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.answer.AnswerFormat;
import drp.core.answer.BasicAnswerChecker;
import drp.core.bench.Benchmark;
import drp.core.bench.ProblemFields;
import drp.core.grade.GradeJob;
import drp.core.grade.GradeReport;
import drp.core.grade.GradedRecord;
import drp.core.grade.GradedRecords;
import drp.core.grade.Grader;
import drp.core.grade.RunSummary;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonCodec;
import drp.core.problem.Problem;
import drp.core.run.RunDirectory;
import drp.core.run.StageRecord;
import drp.core.stage.PruneStage;
import drp.core.stage.PruneSummarizer;
import drp.core.stage.PruneSummary;
import drp.core.stage.PrunedRecord;
import drp.core.teacher.HeuristicTeacher;
import drp.core.trace.ThinkSplit;
import drp.core.trace.Trace;
import drp.tiny.TinyStudent;
import drp.tiny.TrainingPair;
import drp.tiny.base.TrainBase;
import drp.tiny.base.TrainingRecord;
import drp.tiny.train.TrainingConfig;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * DRP end to end on the embedded student: the base student samples its own traces on training
 * problems, the heuristic teacher prunes them, the correct pruned traces fine-tune a copy of the
 * student, and base and DRP students are evaluated on the test split over several seeds.
 *
 * <p>Every phase writes keyed, resumable outputs into the run directory, so a run stopped at any
 * point continues where it stopped when started again with the same settings and directory.
 */
public final class DemoPipeline {

    /** The benchmark names graded records carry: sampled answers over the seeds, and greedy answers. */
    public static final String SAMPLED = "tiny-test";
    public static final String GREEDY = "tiny-test-greedy";

    /** Files of the run directory. */
    public static final String COMPLETIONS = "completions.jsonl";
    public static final String SFT = "sft.jsonl";
    public static final String REPORT = "report.md";

    private final DemoSettings settings;
    private final RunDirectory run;
    private final Path baseDir;
    private final List<String> command;
    private final DemoListener listener;
    private final Map<String, Double> timings = new LinkedHashMap<>();

    /**
     * @param baseDir a base student checkpoint written by {@code drp tiny train-base}, or null for the
     *                shipped one (ignored with {@code fromScratch})
     * @param command the command line, for run.json
     */
    public DemoPipeline(DemoSettings settings, Path runDir, Path baseDir, List<String> command, DemoListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.run = RunDirectory.open(runDir);
        this.baseDir = baseDir;
        this.command = List.copyOf(command);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A base student and where it came from. */
    record Base(TinyStudent student, TrainingRecord record, String source) {}

    /**
     * One student's graded answers on the test split.
     *
     * @param example its answer to the first test problem (greedy when evaluated, else the first seed's)
     */
    record Evaluation(String model, RunSummary sampled, RunSummary greedy, List<GradedRecord> records,
                      DemoCompletion example) {}

    /** Runs (or resumes) the demo and writes summary.json and report.md. */
    public DemoResult run() {
        Instant started = Instant.now();
        boolean resumed = Files.exists(run.file(RunDirectory.MANIFEST));
        checkSettings();

        Base base = timed("base", () -> loadBase());
        run.recordStage(command, "demo", settingsConfig(base), List.of(), components(base),
                new StageRecord(started, 0, Map.of("resumed", resumed ? 1L : 0L)));
        World world = new World(base.record().world());
        List<WordProblem> trainProblems = world.train(settings.problemSeed(), settings.trainProblems());
        List<Problem> train = problems(trainProblems);
        List<Problem> test = problems(world.test(base.record().worldSeed(), settings.testProblems()));
        Path trainFile = writeProblems("problems/train.jsonl", train);
        Path testFile = writeProblems("problems/test.jsonl", test);

        // 2. the base student's own traces on training problems
        Instant sampleStart = Instant.now();
        List<DemoCompletion> own = new StudentSampler(base.student(), "base", grader("tiny-train", trainFile, train))
                .run("sample", train, settings.sampleSeed(), settings.sampling(settings.sampleSeed()),
                        run.file(COMPLETIONS), listener);
        long correct = own.stream().filter(DemoCompletion::correct).count();
        record("sample", sampleStart, Map.of("problems", (long) train.size(), "correct", correct));
        listener.note(String.format("base student's own traces: %d of %d correct (%.1f%%), %.0f tokens on average",
                correct, own.size(), 100.0 * correct / own.size(),
                own.stream().mapToInt(DemoCompletion::outputTokens).average().orElse(0)));

        // 3-5. prune, keep the correct ones, fine-tune; one student per variant
        List<Variant> variants = settings.ablation() ? List.of(Variant.values()) : List.of(Variant.DRP);
        Map<Variant, PruneSummary> pruning = new LinkedHashMap<>();
        Map<Variant, List<SftRecord>> examples = new LinkedHashMap<>();
        Map<Variant, Distiller.Distilled> students = new LinkedHashMap<>();
        for (Variant variant : variants) {
            List<SftRecord> sft;
            if (variant.prunes()) {
                List<PrunedRecord> pruned = prune(variant, own, base.student());
                pruning.put(variant, PruneSummarizer.summarize(pruned, own.size(), 0,
                        (int) correct, base.student().tokenCounter().name()));
                sft = SftExamples.fromPruned(pruned, own.stream().map(DemoCompletion::id).toList(),
                        base.student().tokenCounter());
            } else {
                sft = SftExamples.fromTeacher(examples.get(Variant.DRP), byTraceId(own, trainProblems),
                        base.student().tokenCounter());
            }
            examples.put(variant, sft);
            run.writeText(variant.folder() + SFT, SftExamples.jsonl(sft));
            if (sft.isEmpty()) {
                throw new IllegalArgumentException("no correct traces to fine-tune on: the base student answered "
                        + correct + " of " + own.size() + " training problems correctly"
                        + (correct == 0 ? " (a base student that cannot reason shows nothing; see drp tiny train-base)" : ""));
            }
            Instant distillStart = Instant.now();
            List<TrainingPair> pairs = sft.stream().map(r -> new TrainingPair(r.question(), r.assistant())).toList();
            long tokens = pairs.stream().mapToLong(pair -> base.student().chat()
                    .example(pair.question(), pair.assistantText()).length()).sum();
            TrainingConfig config = settings.fineTune().config(tokens);
            Distiller.Distilled distilled = Distiller.distill(base.student(), variant.key(), pairs, config,
                    run.file("models/" + variant.key()), listener);
            students.put(variant, distilled);
            record("distill " + variant.key(), distillStart, Map.of("pairs", (long) pairs.size(), "tokens", tokens,
                    "steps", (long) config.steps()));
        }

        // 6. evaluation on the test split
        Grader sampledGrader = grader(SAMPLED, testFile, test);
        Grader greedyGrader = grader(GREEDY, testFile, test);
        Map<String, Evaluation> evaluations = new LinkedHashMap<>();
        evaluations.put("base", evaluate("base", base.student(), test, sampledGrader, greedyGrader));
        students.forEach((variant, distilled) -> evaluations.put(variant.key(),
                evaluate(variant.key(), distilled.student(), test, sampledGrader, greedyGrader)));

        // 7. report
        Instant reportStart = Instant.now();
        timings.put("total", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        DemoReport report = new DemoReport(settings, base, own, pruning, examples, students, evaluations, timings);
        DemoSummary summary = report.summary();
        run.writeJson(RunDirectory.SUMMARY, summary);
        run.writeText(REPORT, report.markdown(run.root()));
        record("report", reportStart, Map.of("models", (long) evaluations.size()));
        return new DemoResult(summary, report.tables(), run.root());
    }

    private void checkSettings() {
        if (!Files.exists(run.file(RunDirectory.MANIFEST))) {
            return;
        }
        Object recorded = run.manifest(command).config().get("demo");
        if (recorded == null) {
            throw new IllegalArgumentException(run.root() + " holds another kind of run (its run.json has no demo"
                    + " settings); choose another --out");
        }
        JsonNode earlier = asRead(JsonCodec.MAPPER.convertValue(recorded, Map.class).get("settings"));
        JsonNode now = asRead(settings);
        if (!Objects.equals(earlier, now)) {
            List<String> differences = new ArrayList<>();
            now.fieldNames().forEachRemaining(field -> {
                if (!Objects.equals(earlier.get(field), now.get(field))) {
                    differences.add(field + " " + earlier.get(field) + " then, " + now.get(field) + " now");
                }
            });
            throw new IllegalArgumentException(run.root() + " was started with other demo settings ("
                    + String.join("; ", differences) + "); rerun it with the same options to resume, or choose another --out");
        }
    }

    /** {@code value} as it reads back from JSON, so that a float and its printed form compare equal. */
    private static JsonNode asRead(Object value) {
        try {
            return JsonCodec.MAPPER.readTree(JsonCodec.line(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> settingsConfig(Base base) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("settings", settings);
        config.put("base", base.source());
        config.put("answer_format", AnswerFormat.THE_ANSWER_IS.name());
        config.put("checker", "basic (exact numbers)");
        return config;
    }

    private Map<String, String> components(Base base) {
        Map<String, String> components = new LinkedHashMap<>();
        components.put("base_student", base.source() + " weights sha256 " + base.record().weightsSha256());
        components.put("teacher", "heuristic " + HeuristicTeacher.RULES_VERSION);
        components.put("tokenizer", base.student().tokenCounter().name() + " (vocabulary sha256 "
                + base.record().vocabularySha256() + ")");
        return components;
    }

    private Base loadBase() {
        try {
            if (settings.fromScratch()) {
                Path dir = run.file("models/base");
                Path recordFile = dir.resolve(TrainingRecord.FILE_NAME);
                if (!Files.exists(recordFile)) {
                    try (TrainBaseProgress progress = new TrainBaseProgress(listener)) {
                        TrainBase.run(settings.recipe(), dir, progress);
                    }
                } else {
                    listener.note("base student: already trained, loaded " + dir);
                }
                return new Base(TinyStudent.load(dir), TrainingRecord.read(recordFile), "trained from scratch ("
                        + settings.baseRecipe() + " recipe) in " + dir);
            }
            if (baseDir != null) {
                Path recordFile = baseDir.resolve(TrainingRecord.FILE_NAME);
                if (!Files.isRegularFile(recordFile)) {
                    throw new IllegalArgumentException("--base " + baseDir + ": no " + TrainingRecord.FILE_NAME
                            + " there; the demo needs the record of the world the student learned (drp tiny train-base writes it)");
                }
                return new Base(TinyStudent.load(baseDir), TrainingRecord.read(recordFile), baseDir.toString());
            }
            ClassLoader loader = TinyStudent.class.getClassLoader();
            try (InputStream in = loader.getResourceAsStream(TinyStudent.BASE_RESOURCE + TrainingRecord.FILE_NAME)) {
                if (in == null) {
                    throw new IllegalArgumentException("the shipped base student is not in this build ("
                            + TrainBase.SHIPPED_DIR + "); train one with --from-scratch, or give --base DIR");
                }
                return new Base(TinyStudent.loadBase(), TrainingRecord.read(in), "shipped");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the base student: " + e.getMessage(), e);
        }
    }

    private List<PrunedRecord> prune(Variant variant, List<DemoCompletion> own, TinyStudent student) {
        Instant start = Instant.now();
        HeuristicTeacher teacher = HeuristicTeacher.of(new HeuristicTeacher.Options(variant.granularity(),
                variant.aggressiveness(), AnswerFormat.THE_ANSWER_IS), new BasicAnswerChecker());
        List<Trace> traces = new ArrayList<>();
        for (DemoCompletion c : own) {
            if (c.correct()) {
                ThinkSplit split = ThinkSplit.of(c.text());
                traces.add(new Trace(c.id(), c.question(), split.think(), split.finalPart(), c.extractedAnswer(), c.gold(),
                        true, split.closed() && "stop".equals(c.finishReason())));
            }
        }
        Path output = run.file(variant.folder() + PruneStage.OUTPUT);
        PruneStage.Outcome outcome;
        try (DemoListener.Tracker tracker = listener.start("prune " + variant.key(), traces.size(), 0, "traces")) {
            long[] tokens = new long[2];
            outcome = new PruneStage(teacher, student.tokenCounter(), Runtime.getRuntime().availableProcessors())
                    .run(traces, output, new PruneStage.Listener() {
                        @Override
                        public void started(int total, int alreadyDone) {}

                        @Override
                        public void finished(PrunedRecord r) {
                            if (r.ok()) {
                                tokens[0] += r.tokensBefore();
                                tokens[1] += r.tokensAfter();
                            }
                            tracker.step(String.format("tiny tokens %,d -> %,d", tokens[0], tokens[1]));
                        }
                    });
        }
        record("prune " + variant.key(), start, Map.of("selected", (long) outcome.selected(),
                "already_done", (long) outcome.alreadyDone(), "pruned", (long) outcome.pruned(),
                "failed", (long) outcome.failed()));
        return PruneStage.read(output);
    }

    /** The problem behind each of the student's own traces. */
    private static Map<String, WordProblem> byTraceId(List<DemoCompletion> own, List<WordProblem> problems) {
        Map<String, WordProblem> byProblemId = new HashMap<>();
        problems.forEach(p -> byProblemId.put(p.id(), p));
        Map<String, WordProblem> byTrace = new HashMap<>();
        own.forEach(c -> byTrace.put(c.id(), byProblemId.get(c.problemId())));
        return byTrace;
    }

    private Evaluation evaluate(String model, TinyStudent student, List<Problem> test, Grader sampledGrader,
                                Grader greedyGrader) {
        Instant start = Instant.now();
        Path dir = run.file("eval/" + model);
        StudentSampler sampler = new StudentSampler(student, model, sampledGrader);
        Path sampledOut = dir.resolve(SAMPLED + ".completions.jsonl");
        DemoCompletion example = null;
        for (long seed : settings.seeds()) {
            List<DemoCompletion> answers = sampler.run("eval " + model + " seed " + seed, test, seed,
                    settings.sampling(seed), sampledOut, listener);
            example = example == null ? answers.getFirst() : example;
        }
        GradeReport sampled = GradeJob.of(sampledGrader, sampledOut, dir.resolve(SAMPLED + ".jsonl"),
                dir.resolve(SAMPLED + ".summary.json")).run();
        List<GradedRecord> records = new ArrayList<>(GradedRecords.read(dir.resolve(SAMPLED + ".jsonl"), ErrorPolicy.STRICT).items());
        RunSummary greedy = null;
        if (settings.greedy()) {
            Path greedyOut = dir.resolve(GREEDY + ".completions.jsonl");
            example = new StudentSampler(student, model, greedyGrader).run("eval " + model + " greedy", test, 0,
                    settings.greedySampling(), greedyOut, listener).getFirst();
            greedy = GradeJob.of(greedyGrader, greedyOut, dir.resolve(GREEDY + ".jsonl"),
                    dir.resolve(GREEDY + ".summary.json")).run().summary();
            records.addAll(GradedRecords.read(dir.resolve(GREEDY + ".jsonl"), ErrorPolicy.STRICT).items());
        }
        record("eval " + model, start, Map.of("outputs", (long) records.size()));
        return new Evaluation(model, sampled.summary(), greedy, records, example);
    }

    private Grader grader(String name, Path file, List<Problem> problems) {
        Benchmark benchmark = Benchmark.fromJsonl(name, file, ProblemFields.of("question", "answer").withId("id"))
                .withFormat(AnswerFormat.THE_ANSWER_IS)
                .withExtractionOrder(AnswerFormat.THE_ANSWER_IS.extractionOrder());
        return Grader.of(benchmark, problems, new BasicAnswerChecker());
    }

    private static List<Problem> problems(List<WordProblem> problems) {
        return problems.stream().map(p -> new Problem(p.id(), p.question(), p.answerText())).toList();
    }

    private Path writeProblems(String name, List<Problem> problems) {
        StringBuilder text = new StringBuilder();
        for (Problem p : problems) {
            text.append(JsonCodec.line(Map.of("id", p.id(), "question", p.question(), "answer", p.answer()))).append('\n');
        }
        run.writeText(name, text.toString());
        return run.file(name);
    }

    private void record(String stage, Instant start, Map<String, Long> counts) {
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        timings.merge(stage, seconds, Double::sum);
        run.recordStage(command, stage, Map.of(), List.of(), Map.of(), new StageRecord(start, seconds, counts));
    }

    private <T> T timed(String stage, java.util.function.Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        timings.put(stage, (System.nanoTime() - start) / 1e9);
        return result;
    }
}
