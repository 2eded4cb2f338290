package drp.cli.pipeline;

import drp.core.answer.AnswerChecker;
import drp.core.answer.BasicAnswerChecker;
import drp.core.bench.Benchmark;
import drp.core.bench.BenchmarkProvider;
import drp.core.bench.BenchmarkRegistry;
import drp.core.bench.ProblemFields;
import drp.core.chat.ChatModel;
import drp.core.io.ErrorPolicy;
import drp.core.problem.Problem;
import drp.core.run.RunDirectory;
import drp.core.token.TokenCounter;
import drp.llm.token.TokenizerLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the phases of one pipeline run share: the run directory, the pipeline, how to open models
 * (each endpoint is opened once and closed at the end), the benchmarks (made ones are written into
 * the run's {@code problems/} folder once), the answer checker and the student's tokenizer.
 */
public final class RunContext implements AutoCloseable {

    /** Where made benchmarks are written inside the run. */
    public static final String PROBLEMS = "problems";

    private final PipelineSpec spec;
    private final RunDirectory run;
    private final Models models;
    private final PhaseListener listener;
    private final Path benchmarksDir;
    private final AnswerChecker standardChecker;
    private final Map<String, ChatModel> opened = new HashMap<>();
    private final Map<String, Benchmark> benchmarks = new HashMap<>();
    private TokenCounter studentTokens;

    /**
     * @param benchmarksDir   the folder of the standard benchmark files ({@code gsm8k/test.jsonl}...)
     * @param standardChecker the equivalence engine, for {@code checker: standard}
     */
    public RunContext(PipelineSpec spec, RunDirectory run, Models models, PhaseListener listener, Path benchmarksDir,
                      AnswerChecker standardChecker) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.run = Objects.requireNonNull(run, "run");
        this.models = Objects.requireNonNull(models, "models");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.benchmarksDir = benchmarksDir;
        this.standardChecker = standardChecker;
    }

    public PipelineSpec spec() {
        return spec;
    }

    public RunDirectory run() {
        return run;
    }

    public Models models() {
        return models;
    }

    public PhaseListener listener() {
        return listener;
    }

    /** The checker the pipeline names. */
    public AnswerChecker checker() {
        return spec.checker().equals("basic") ? new BasicAnswerChecker() : standardChecker;
    }

    /** The model behind {@code endpoint}, opened on first use. */
    public synchronized ChatModel model(String endpoint) {
        return opened.computeIfAbsent(endpoint, models::open);
    }

    /** Closes {@code endpoint}'s model if it is open (an evaluated student is not needed again). */
    public synchronized void release(String endpoint) {
        ChatModel model = opened.remove(endpoint);
        if (model != null) {
            model.close();
        }
    }

    /** The student's tokenizer: the files the pipeline names, else the one the student brings. */
    public synchronized TokenCounter studentTokens() {
        if (studentTokens == null) {
            if (spec.tokenizer() != null) {
                studentTokens = TokenizerLoader.load(Path.of(spec.tokenizer()));
            } else {
                studentTokens = models.tokenizer(spec.student()).orElseThrow(() -> new IllegalArgumentException(
                        "tokenizer: the student " + spec.student() + " brings no tokenizer of its own; name its files"
                                + " (a tokenizer.json, or a folder with tokenizer.json or vocab.json + merges.txt)"));
            }
        }
        return studentTokens;
    }

    /** What the tokenizer is, for fingerprints and run.json. */
    public String tokenizerName() {
        return spec.tokenizer() != null ? Path.of(spec.tokenizer()).toAbsolutePath().normalize().toString()
                : "the student's own (" + spec.student() + ")";
    }

    /**
     * The benchmark {@code name} with at most {@code limit} problems: a standard one from the data
     * folder, a made one (written under {@code problems/}), or a JSONL file of {@code question} and
     * {@code answer} records.
     */
    public synchronized Benchmark benchmark(String name, Integer limit) {
        String key = name + "#" + limit;
        Benchmark known = benchmarks.get(key);
        if (known != null) {
            return known;
        }
        Benchmark b = BenchmarkProvider.find(name)
                .map(p -> p.write(name, limit == null ? 0 : limit, spec.student(), run.file(PROBLEMS)))
                .orElseGet(() -> fileBenchmark(name));
        benchmarks.put(key, b);
        return b;
    }

    /** The first {@code limit} problems of benchmark {@code name}. */
    public List<Problem> problems(String name, Integer limit) {
        Benchmark b = benchmark(name, limit);
        List<Problem> all = b.load(ErrorPolicy.STRICT).items();
        return limit != null && limit < all.size() ? all.subList(0, limit) : all;
    }

    private Benchmark fileBenchmark(String name) {
        Path file = Path.of(name);
        if (name.endsWith(".jsonl") && Files.isRegularFile(file)) {
            String stem = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
            return Benchmark.fromJsonl(stem, file, ProblemFields.of("question", "answer"));
        }
        BenchmarkRegistry registry = BenchmarkRegistry.standard(benchmarksDir);
        Benchmark b = registry.find(name).orElseThrow(() -> new IllegalArgumentException("unknown benchmark '" + name
                + "': known: " + String.join(", ", registry.names()) + ", tiny-world:train, tiny-world:test, or a .jsonl file"));
        if (!Files.isRegularFile(b.file())) {
            throw new IllegalArgumentException("benchmark " + b.name() + ": file not found: " + b.file()
                    + " (set --data or DRP_DATA)");
        }
        return b;
    }

    @Override
    public synchronized void close() {
        RuntimeException first = null;
        for (ChatModel model : opened.values()) {
            try {
                model.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        opened.clear();
        if (first != null) {
            throw first;
        }
    }
}
