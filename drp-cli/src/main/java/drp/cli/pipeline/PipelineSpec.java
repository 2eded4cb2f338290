package drp.cli.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import drp.core.answer.AnswerFormat;
import drp.core.sft.SftFilters;
import drp.core.step.Granularity;
import drp.core.teacher.Aggressiveness;
import drp.core.teacher.ReplyForm;
import drp.core.teacher.TeacherProtocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline file ({@code drp run PIPELINE.yaml}): the student, what it samples, how the teacher
 * prunes, which examples are kept, how the student is fine-tuned, what it is evaluated on, and
 * the arms (variants of prune and build) to compare. See {@code configs/demo.yaml}.
 *
 * <p>Unknown keys are errors (a typo must not silently fall back to a default). Before the file
 * is bound, {@code profiles} named on the command line are merged over it (maps key by key), then
 * each {@code --set key.path=value} replaces the value at its path (a map given as the value
 * replaces the whole map), so a profile or an override is exactly an edit of the file.
 *
 * @param name         the pipeline's name, for reports
 * @param student      the base student: an endpoint ({@code tiny:base}, {@code openai:URL#MODEL},
 *                     {@code gguf:PATH}, or a name under {@code endpoints})
 * @param tokenizer    the student's tokenizer files, or null for the student's own (in-process models)
 * @param answerFormat how answers are stated in pruned traces and training examples
 * @param align        whether and how the base student scores every arm's training targets
 * @param checker      {@code standard} (the equivalence engine) or {@code basic} (exact numbers)
 * @param arms         the arms by name; the first is the main one (the paper's DRP row)
 * @param runArms      the arms this run trains and evaluates (default: the first)
 * @param endpoints    named endpoints, in the format of drp's endpoint config file
 * @param prices       prices per model, likewise
 */
public record PipelineSpec(String name, String student, String tokenizer, AnswerFormat answerFormat, String checker,
        Sample sample, Prune prune, Build build, Align align, Distill distill, Eval eval, Map<String, ArmOverride> arms,
        List<String> runArms, JsonNode endpoints, JsonNode prices) {

    public PipelineSpec {
        require(student != null && !student.isBlank(), "student: the base student's endpoint is required");
        require(sample != null, "sample: what the student answers is required (sample.dataset)");
        prune = prune == null ? new Prune(null, null, null, null, null, null, null, null, null, null, null, null) : prune;
        build = build == null ? new Build(null, null, null, null, null, null, null, null) : build;
        align = align == null ? new Align(null, null, null) : align;
        require(distill != null, "distill: the trainer is required (distill.trainer)");
        require(eval != null, "eval: the benchmarks are required (eval.benchmarks)");
        name = name == null ? "pipeline" : name;
        answerFormat = answerFormat == null ? AnswerFormat.BOXED : answerFormat;
        checker = checker == null ? "standard" : checker;
        require(checker.equals("standard") || checker.equals("basic"), "checker: standard or basic, got " + checker);
        arms = arms == null || arms.isEmpty() ? Map.of("drp", new ArmOverride("DRP", null, null))
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arms));
        runArms = runArms == null ? List.of(arms.keySet().iterator().next()) : List.copyOf(runArms);
        for (String arm : runArms) {
            require(arms.containsKey(arm), "run_arms: no arm named '" + arm + "'; arms: " + String.join(", ", arms.keySet()));
        }
    }

    /**
     * The sample stage: the student answers training problems to produce its own traces.
     *
     * @param dataset     a benchmark name ({@code gsm8k:train}, {@code prm12k}, {@code tiny-world:train}) or a JSONL file
     * @param limit       the first N problems (required for made benchmarks such as the tiny world)
     * @param seeds       the run's seeds; every problem is answered once per seed and sample
     * @param samples     answers per problem and seed
     * @param concurrency requests in flight
     */
    public record Sample(String dataset, Integer limit, List<Long> seeds, Integer samples, Double temperature, Double topP,
                         Integer maxTokens, Integer concurrency) {
        public Sample {
            require(dataset != null && !dataset.isBlank(), "sample.dataset is required");
            seeds = seeds == null ? List.of(0L) : List.copyOf(seeds);
            samples = samples == null ? 1 : samples;
            temperature = temperature == null ? 0.6 : temperature;
            topP = topP == null ? 0.95 : topP;
            maxTokens = maxTokens == null ? 32_768 : maxTokens;
            concurrency = concurrency == null ? 32 : concurrency;
            require(limit == null || limit >= 1, "sample.limit must be at least 1");
            require(samples >= 1, "sample.samples must be at least 1");
            require(!seeds.isEmpty() && seeds.stream().distinct().count() == seeds.size(),
                    "sample.seeds: at least one seed, none listed twice");
            require(concurrency >= 1, "sample.concurrency must be at least 1");
        }
    }

    /**
     * The prune stage.
     *
     * @param teacher        {@code heuristic} or an LLM endpoint
     * @param all            prune incorrect traces too (default: only correct ones)
     * @param batch          send the teacher's calls through the OpenAI Batch API (half the price,
     *                       answers within 24 h), one round per call of the protocol
     * @param batchPoll      how often a running batch job is looked at, e.g. {@code 60s}
     */
    public record Prune(String teacher, Granularity granularity, Aggressiveness aggressiveness, TeacherProtocol protocol,
                        ReplyForm replyForm, Integer attempts, Double temperature, Integer maxTokens,
                        Integer concurrency, Boolean all, Boolean batch, String batchPoll) {
        public Prune {
            teacher = teacher == null ? "heuristic" : teacher;
            granularity = granularity == null ? Granularity.SKILL : granularity;
            aggressiveness = aggressiveness == null ? Aggressiveness.STANDARD : aggressiveness;
            protocol = protocol == null ? TeacherProtocol.TWO_CALL : protocol;
            replyForm = replyForm == null ? ReplyForm.JSON_SCHEMA : replyForm;
            attempts = attempts == null ? 3 : attempts;
            temperature = temperature == null ? 0.0 : temperature;
            maxTokens = maxTokens == null ? 16_384 : maxTokens;
            concurrency = concurrency == null ? 16 : concurrency;
            all = all != null && all;
            batch = batch != null && batch;
            batchPoll = batchPoll == null ? "60s" : batchPoll;
            require(!batch || !teacher.equals("heuristic"), "prune.batch needs an LLM teacher");
        }

        public boolean heuristic() {
            return teacher.equals("heuristic");
        }
    }

    /**
     * The build stage.
     *
     * @param source        {@code pruned} (the arm's pruned traces) or {@code solutions} (the
     *                      problems' reference solutions)
     * @param sameProblemsAs with {@code solutions}: take the problems whose examples that arm kept
     * @param chatTemplate  the student's chat template (a folder with chat_template.jinja or
     *                      tokenizer_config.json, or such a file): examples are rendered through
     *                      it as the student sees them and checked, and every trainer's export is
     *                      written to the arm's {@code sft/} folder; needs {@code tokenizer}. Unset
     *                      for students without one (the embedded student has its own format)
     * @param cutoff        with a chat template: the most tokens of a whole training sequence
     *                      (default 4096, the paper's); longer examples are dropped, never truncated
     * @param solutionField with {@code solutions}: the problems' field that holds the solution
     *                      (default {@code solution})
     * @param candidates    with {@code capacity_aware}: the arms whose examples are the candidates
     *                      of each problem, in order of preference on ties (the student's original
     *                      trace is always one)
     * @param threshold     with {@code capacity_aware}: the most mean NLL per token a candidate may
     *                      add to the original trace's (default 1.0 nats, the
     *                      surprise threshold of the align stage)
     */
    public record Build(String source, String sameProblemsAs, Filters filters, String chatTemplate, Integer cutoff,
                        String solutionField, List<String> candidates, Double threshold) {
        public Build {
            source = source == null ? "pruned" : source;
            require(source.equals("pruned") || source.equals("solutions") || source.equals(CAPACITY_AWARE),
                    "build.source: pruned, solutions or capacity_aware, got " + source);
            require(!source.equals("solutions") || sameProblemsAs != null,
                    "build.same_problems_as: with source solutions, name the arm whose problems to take");
            solutionField = solutionField == null ? "solution" : solutionField;
            candidates = candidates == null ? List.of() : List.copyOf(candidates);
            require(!source.equals(CAPACITY_AWARE) || !candidates.isEmpty(),
                    "build.candidates: with source capacity_aware, name the arms whose examples are the candidates");
            threshold = threshold == null ? 1.0 : threshold;
            require(threshold >= 0 && Double.isFinite(threshold), "build.threshold: a number of nats >= 0, got " + threshold);
            filters = filters == null ? new Filters(null, null, null, null, null) : filters;
            cutoff = cutoff == null ? 4096 : cutoff;
            require(cutoff >= 0, "build.cutoff: 0 or more tokens, got " + cutoff);
        }
    }

    /** The build source that picks per problem among other arms' examples by the student's NLL. */
    public static final String CAPACITY_AWARE = "capacity_aware";

    /**
     * The align stage: the base student scores every arm's training targets (and its own original
     * traces) before any fine-tuning; the report shows each arm's score beside its accuracy.
     *
     * @param enabled     score at all (default false; a capacity-aware arm needs it)
     * @param surpriseNll a step whose mean NLL per token is above this is surprising (default 1.0)
     * @param concurrency scoring calls in flight (default: the sample stage's)
     */
    public record Align(Boolean enabled, Double surpriseNll, Integer concurrency) {
        public Align {
            enabled = enabled != null && enabled;
            surpriseNll = surpriseNll == null ? 1.0 : surpriseNll;
            require(surpriseNll > 0 && Double.isFinite(surpriseNll), "align.surprise_nll: a number of nats > 0");
            require(concurrency == null || concurrency >= 1, "align.concurrency must be at least 1");
        }
    }

    /** The build filters as written; an unset one takes {@link SftFilters#DEFAULT}'s value. */
    public record Filters(Boolean answerPreserved, Boolean matchesGold, Integer minTokens, Integer maxTokens,
                          Boolean dedup) {
        public Filters {
            SftFilters d = SftFilters.DEFAULT;
            answerPreserved = answerPreserved == null ? d.answerPreserved() : answerPreserved;
            matchesGold = matchesGold == null ? d.matchesGold() : matchesGold;
            minTokens = minTokens == null ? d.minTokens() : minTokens;
            maxTokens = maxTokens == null ? d.maxTokens() : maxTokens;
            dedup = dedup == null ? d.dedup() : dedup;
        }

        public SftFilters sftFilters() {
            return new SftFilters(answerPreserved, matchesGold, minTokens, maxTokens, dedup);
        }
    }

    /**
     * The distill stage: which trainer, and how.
     *
     * @param baseModel the base model as the trainer names it (a Hugging Face repository or folder for
     *                  LLaMA-Factory), when it is not the student endpoint itself (as {@code tiny:base} is)
     */
    public record Distill(String trainer, String baseModel, Double epochs, Double learningRate, Long seed,
                          Map<String, Object> options) {
        public Distill {
            require(trainer != null && !trainer.isBlank(), "distill.trainer is required (e.g. tiny)");
            epochs = epochs == null ? 3.0 : epochs;
            learningRate = learningRate == null ? 3e-5 : learningRate;
            seed = seed == null ? 1L : seed;
            options = options == null ? Map.of() : Map.copyOf(options);
        }

        /** The base model the trainer fine-tunes. */
        public String base(String student) {
            return baseModel != null ? baseModel : student;
        }
    }

    /**
     * The eval stage: every model (the base student and each arm's) on every benchmark.
     *
     * @param greedy      also answer each problem once greedily, graded apart
     * @param temperature and the other sampling settings: the sample stage's when unset
     */
    public record Eval(List<String> benchmarks, Integer limit, List<Long> seeds, Integer samples, Boolean greedy,
                       Double temperature, Double topP, Integer maxTokens, Integer concurrency) {
        public Eval {
            require(benchmarks != null && !benchmarks.isEmpty(), "eval.benchmarks: name at least one");
            benchmarks = List.copyOf(benchmarks);
            seeds = seeds == null ? List.of(0L) : List.copyOf(seeds);
            samples = samples == null ? 1 : samples;
            greedy = greedy != null && greedy;
            require(limit == null || limit >= 1, "eval.limit must be at least 1");
            require(!seeds.isEmpty() && seeds.stream().distinct().count() == seeds.size(),
                    "eval.seeds: at least one seed, none listed twice");
        }
    }

    /** An arm: a label, and what it changes of the prune and build stages (merged over them). */
    public record ArmOverride(String label, JsonNode prune, JsonNode build) {}

    /** One arm as it runs: its stages' settings with its overrides merged in. */
    public record Arm(String name, String label, Prune prune, Build build, boolean main) {
        /** Where its files live in the run: the root for the main arm, arms/NAME/ for the others. */
        public String folder() {
            return main ? "" : "arms/" + name + "/";
        }

        public boolean prunes() {
            return build.source().equals("pruned");
        }

        /** Whether it picks among other arms' examples by the student's NLL. */
        public boolean selects() {
            return build.source().equals(CAPACITY_AWARE);
        }
    }

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    /**
     * Reads a pipeline file with {@code profiles} (sections of its {@code profiles} map, in order)
     * and {@code overrides} ({@code key.path=value}, the value read as YAML) merged over it.
     */
    public static PipelineSpec load(String yaml, String source, List<String> profiles, List<String> overrides) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new IllegalArgumentException(source + ": a pipeline file is a map of settings");
        }
        JsonNode known = root.remove("profiles");
        for (String profile : profiles) {
            JsonNode section = known == null ? null : known.get(profile);
            if (section == null) {
                List<String> names = new ArrayList<>();
                if (known != null) {
                    known.fieldNames().forEachRemaining(names::add);
                }
                throw new IllegalArgumentException(source + ": no profile '" + profile + "' (profiles: "
                        + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
            }
            merge(root, section);
        }
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set " + override + ": write key.path=value, e.g. sample.limit=100");
            }
            set(root, override.substring(0, eq).strip(), value(override.substring(eq + 1)));
        }
        try {
            return YAML.treeToValue(root, PipelineSpec.class);
        } catch (IOException e) {
            String message = e.getMessage().lines().findFirst().orElse(e.getMessage());
            throw new IllegalArgumentException(source + ": " + message.replaceAll(" \\(class drp[^)]*\\)", ""), e);
        }
    }

    /** Reads the pipeline file at {@code file}. */
    public static PipelineSpec load(Path file, List<String> profiles, List<String> overrides) {
        try {
            return load(Files.readString(file), file.toString(), profiles, overrides);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pipeline file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The arms this run trains, with their overrides merged over the pipeline's prune and build. */
    public List<Arm> arms(boolean all) {
        List<Arm> out = new ArrayList<>();
        String main = arms.keySet().iterator().next();
        for (Map.Entry<String, ArmOverride> e : arms.entrySet()) {
            if (!all && !runArms.contains(e.getKey())) {
                continue;
            }
            ArmOverride o = e.getValue();
            Prune p = o.prune() == null ? prune : override(prune, o.prune(), Prune.class, "arms." + e.getKey() + ".prune");
            Build b = o.build() == null ? build : override(build, o.build(), Build.class, "arms." + e.getKey() + ".build");
            out.add(new Arm(e.getKey(), o.label() == null ? e.getKey() : o.label(), p, b, e.getKey().equals(main)));
        }
        return out;
    }

    /** The arm called {@code name}. */
    public Arm arm(String name) {
        return arms(true).stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no arm named '" + name + "'"));
    }

    private static <T> T override(T base, JsonNode changes, Class<T> type, String where) {
        ObjectNode tree = YAML.valueToTree(base);
        merge(tree, changes);
        try {
            return YAML.treeToValue(tree, type);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static void merge(ObjectNode target, JsonNode changes) {
        changes.fields().forEachRemaining(e -> {
            JsonNode old = target.get(e.getKey());
            if (old instanceof ObjectNode o && e.getValue() instanceof ObjectNode) {
                merge(o, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    /** Replaces (not merges) the value at {@code path}, creating the maps on the way. */
    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] keys = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(keys[i]);
        }
        node.set(keys[keys.length - 1], value);
    }

    private static JsonNode value(String text) {
        try {
            JsonNode node = YAML.readTree(text);
            return node == null || node.isMissingNode() ? YAML.getNodeFactory().textNode(text) : node;
        } catch (IOException e) {
            return YAML.getNodeFactory().textNode(text);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
