package drp.core.teacher;

import drp.core.answer.AnswerChecker;
import drp.core.answer.AnswerFormat;
import drp.core.answer.RuleBasedExtractor;
import drp.core.chat.ChatMessage;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.chat.ResponseFormat;
import drp.core.prune.Action;
import drp.core.prune.AnswerLocator;
import drp.core.prune.PlanValidator;
import drp.core.prune.PlanViolation;
import drp.core.prune.PruningPlan;
import drp.core.prune.StepDecision;
import drp.core.prune.Synthesis;
import drp.core.prune.Synthesizer;
import drp.core.prune.ViolationKind;
import drp.core.step.Skill;
import drp.core.step.Span;
import drp.core.step.Step;
import drp.core.teacher.TeacherReply.RawDecision;
import drp.core.teacher.TeacherReply.RawStep;
import drp.core.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A teacher that is a language model behind the {@link ChatModel} port, following the paper's
 * protocol: a first call splits the think text into verbatim steps, each labelled with a {@link
 * Skill}; a second call, given the question and the labelled steps, decides per step (KEEP, DELETE,
 * REWRITE, MERGE) and writes the concise trace, ending with the answer statement of the configured
 * {@link AnswerFormat}. {@link TeacherProtocol#ONE_CALL} asks for both at once.
 *
 * <p>Every answer is checked before it is used: the steps must be found verbatim in the trace, in
 * order, without overlaps, covering it ({@link StepAligner}); skills and actions must be known; the
 * plan must pass the {@link PlanValidator} (which compares answers with the checker given). An
 * answer that breaks a rule is sent back with the list of violations, in the same conversation, up
 * to {@link Options#maxAttempts()} answers per call; then the trace is a {@link
 * TeacherResult.Failed} with the last violations. Only a validated plan's text becomes data.
 *
 * <p>Calls that fail ({@link drp.core.chat.ChatException}) are not facts about the trace: they are
 * thrown to the stage, which stops or leaves the trace for a rerun.
 */
public final class LlmTeacher implements Teacher {

    /** Bumped whenever the protocol's code (not its prompt files) changes what is asked or accepted. */
    public static final String PROTOCOL_VERSION = "llm-teacher-1";

    /**
     * The teacher's options.
     *
     * @param protocol    two calls (the paper's) or one
     * @param form        structured output (JSON schema) or plain text blocks
     * @param maxAttempts answers per call, the first included, before the trace is given up
     * @param format      how the concise trace states the answer
     * @param temperature sampling temperature of the teacher (0: as deterministic as the server allows)
     * @param maxTokens   the most tokens per answer
     */
    public record Options(TeacherProtocol protocol, ReplyForm form, int maxAttempts, AnswerFormat format,
            double temperature, int maxTokens) {

        public static final int DEFAULT_MAX_ATTEMPTS = 3;
        public static final int DEFAULT_MAX_TOKENS = 16_384;

        public Options {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(form, "form");
            Objects.requireNonNull(format, "format");
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("a teacher needs at least one attempt per call, got " + maxAttempts);
            }
            if (!(temperature >= 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
            }
            if (maxTokens < 1) {
                throw new IllegalArgumentException("max tokens must be >= 1, got " + maxTokens);
            }
        }

        /** Two calls, JSON schema, three answers per call, temperature 0, 16,384 tokens. */
        public static Options defaults(AnswerFormat format) {
            return new Options(TeacherProtocol.TWO_CALL, ReplyForm.JSON_SCHEMA, DEFAULT_MAX_ATTEMPTS, format, 0.0,
                    DEFAULT_MAX_TOKENS);
        }

        public Options withProtocol(TeacherProtocol p) {
            return new Options(p, form, maxAttempts, format, temperature, maxTokens);
        }

        public Options withForm(ReplyForm f) {
            return new Options(protocol, f, maxAttempts, format, temperature, maxTokens);
        }

        public Options withMaxAttempts(int n) {
            return new Options(protocol, form, n, format, temperature, maxTokens);
        }

        public Options withTemperature(double t) {
            return new Options(protocol, form, maxAttempts, format, t, maxTokens);
        }

        public Options withMaxTokens(int n) {
            return new Options(protocol, form, maxAttempts, format, temperature, n);
        }
    }

    private final ChatModel model;
    private final Options options;
    private final PlanValidator validator;
    private final TeacherPrompts prompts;
    private final Synthesizer synthesizer;

    public LlmTeacher(ChatModel model, Options options, PlanValidator validator, TeacherPrompts prompts) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.synthesizer = new Synthesizer(options.format());
    }

    /**
     * A teacher with the shipped prompts, checking answers with {@code checker} and measuring
     * "shorter" in characters.
     */
    public static LlmTeacher of(ChatModel model, Options options, AnswerChecker checker) {
        return new LlmTeacher(model, options, new PlanValidator(
                new RuleBasedExtractor(options.format().extractionOrder()), checker, null, false),
                TeacherPrompts.standard());
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public String version() {
        return PROTOCOL_VERSION + " model=" + model.id() + " protocol=" + options.protocol() + " form=" + options.form()
                + " attempts=" + options.maxAttempts() + " temperature=" + options.temperature()
                + " max_tokens=" + options.maxTokens() + " format=" + options.format()
                + " prompts=" + TeacherPrompts.VERSION + ":sha256:" + prompts.combinedHash();
    }

    public Options options() {
        return options;
    }

    /** Each prompt file's SHA-256, by file name, for run.json. */
    public Map<String, String> promptHashes() {
        return prompts.hashes();
    }

    @Override
    public TeacherResult prune(Trace trace) {
        if (!trace.finished()) {
            return new TeacherResult.Failed("unfinished_trace",
                    "the reasoning was cut off before it finished; there is no final answer to preserve",
                    List.of(), List.of(), 0);
        }
        if (trace.answer().isBlank()) {
            return new TeacherResult.Failed("no_answer", "the trace states no final answer to preserve",
                    List.of(), List.of(), 0);
        }
        return switch (options.protocol()) {
            case TWO_CALL -> twoCalls(trace);
            case ONE_CALL -> oneCall(trace);
        };
    }

    /**
     * The requests the protocol starts with for {@code trace} (the decomposition, or the single
     * call): for cost estimates before a stage begins.
     */
    public ChatRequest firstRequest(Trace trace) {
        return switch (options.protocol()) {
            case TWO_CALL -> request(opening(prompts.decompose(trace, options.form())), prompts.decomposeSchema());
            case ONE_CALL -> request(opening(prompts.oneCall(trace, options.format(), options.form())), prompts.oneCallSchema());
        };
    }

    /**
     * The expected size of one trace's calls when every answer passes at once: for the cost estimate
     * printed before a stage starts. The decomposition copies the trace; the plan and the concise
     * trace take about half as much again; the second prompt is about as long as the first.
     *
     * @param calls           calls per trace
     * @param promptChars     characters sent, all calls together
     * @param completionChars characters expected back, all calls together
     */
    public record CallEstimate(int calls, long promptChars, long completionChars) {}

    public CallEstimate estimate(Trace trace) {
        long prompt = firstRequest(trace).promptText().length();
        long think = trace.think().length();
        return switch (options.protocol()) {
            case TWO_CALL -> new CallEstimate(2, 2 * prompt, think + think / 2);
            case ONE_CALL -> new CallEstimate(1, prompt, think + think / 2);
        };
    }

    private TeacherResult twoCalls(Trace trace) {
        Outcome<List<Step>> decomposed = converse(opening(prompts.decompose(trace, options.form())),
                prompts.decomposeSchema(), reply -> steps(trace, TeacherReplyParser.decomposition(reply).steps()));
        if (decomposed.value().isEmpty()) {
            return failed(decomposed.violations(), List.of(), decomposed.attempts(), decomposed.attempts(), "the decomposition");
        }
        List<Step> steps = decomposed.value().get();
        int answerStep = new AnswerLocator(trace.answer()).answerStep(steps);
        Outcome<PruningPlan> planned = converse(
                opening(prompts.prune(trace, steps, answerStep, options.format(), options.form())),
                prompts.pruneSchema(), reply -> plan(trace, steps, TeacherReplyParser.plan(reply)));
        int attempts = decomposed.attempts() + planned.attempts();
        if (planned.value().isEmpty()) {
            return failed(planned.violations(), steps, attempts, planned.attempts(), "the pruning plan");
        }
        return pruned(trace, steps, planned.value().get(), attempts);
    }

    private TeacherResult oneCall(Trace trace) {
        record StepsAndPlan(List<Step> steps, PruningPlan plan) {}
        List<Step> lastSteps = new ArrayList<>();
        Outcome<StepsAndPlan> outcome = converse(opening(prompts.oneCall(trace, options.format(), options.form())),
                prompts.oneCallSchema(), reply -> {
                    TeacherReply.DecomposedPlan answer = TeacherReplyParser.decomposedPlan(reply);
                    Checked<List<Step>> steps = steps(trace, answer.steps());
                    if (steps.value() == null) {
                        return new Checked<>(null, steps.violations());
                    }
                    lastSteps.clear();
                    lastSteps.addAll(steps.value());
                    Checked<PruningPlan> plan = plan(trace, steps.value(),
                            new TeacherReply.Plan(answer.decisions(), answer.synthesized()));
                    return plan.value() == null ? new Checked<>(null, plan.violations())
                            : new Checked<>(new StepsAndPlan(steps.value(), plan.value()), List.of());
                });
        if (outcome.value().isEmpty()) {
            return failed(outcome.violations(), lastSteps, outcome.attempts(), outcome.attempts(), "the answer");
        }
        return pruned(trace, outcome.value().get().steps(), outcome.value().get().plan(), outcome.attempts());
    }

    private TeacherResult pruned(Trace trace, List<Step> steps, PruningPlan plan, int attempts) {
        Synthesis provenance = synthesizer.synthesize(steps, plan.decisions(), trace.answer());
        // the steps record where each part came from; the text is the teacher's own fluent synthesis
        return new TeacherResult.Pruned(steps, plan, new Synthesis(provenance.steps(), plan.synthesized()), attempts);
    }

    /**
     * @param attempts answers used for the trace in all
     * @param answers  answers used for the call that failed
     */
    private static TeacherResult failed(List<PlanViolation> violations, List<Step> steps, int attempts, int answers,
            String what) {
        PlanViolation first = violations.getFirst();
        return new TeacherResult.Failed(first.kind().name(), what + " was still invalid after " + answers
                + (answers == 1 ? " answer: " : " answers: ") + first.message(), steps, violations, attempts);
    }

    // ---- one checked conversation ----

    /** A value that passed every check, or the violations that kept it from passing. */
    record Checked<T>(T value, List<PlanViolation> violations) {
        Checked {
            violations = List.copyOf(violations);
        }
    }

    private record Outcome<T>(Optional<T> value, List<PlanViolation> violations, int attempts) {}

    private List<ChatMessage> opening(String task) {
        return List.of(ChatMessage.system(prompts.system()), ChatMessage.user(task));
    }

    /**
     * Asks, checks the answer, and asks again with the violations until an answer passes or the
     * attempts are used up.
     */
    private <T> Outcome<T> converse(List<ChatMessage> opening, ResponseFormat.JsonSchema schema,
            Function<String, Checked<T>> check) {
        List<ChatMessage> messages = new ArrayList<>(opening);
        List<PlanViolation> violations = List.of();
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            ChatResponse response = model.chat(request(messages, schema));
            Choice choice = response.first();
            String reply = choice.answer();
            if (choice.truncated()) {
                violations = List.of(new PlanViolation(ViolationKind.UNPARSEABLE_ANSWER, -1,
                        "the answer was cut off at the token limit (" + options.maxTokens()
                                + " tokens); give the complete answer, more briefly where the format allows"));
            } else {
                try {
                    Checked<T> checked = check.apply(reply);
                    if (checked.violations().isEmpty() && checked.value() != null) {
                        return new Outcome<>(Optional.of(checked.value()), List.of(), attempt);
                    }
                    violations = checked.violations();
                } catch (UnreadableReplyException e) {
                    violations = List.of(new PlanViolation(ViolationKind.UNPARSEABLE_ANSWER, -1, e.getMessage()));
                }
            }
            messages.add(ChatMessage.assistant(reply));
            messages.add(ChatMessage.user(prompts.feedback(violations)));
        }
        return new Outcome<>(Optional.empty(), violations, options.maxAttempts());
    }

    private ChatRequest request(List<ChatMessage> messages, ResponseFormat.JsonSchema schema) {
        return ChatRequest.builder()
                .messages(messages)
                .temperature(options.temperature())
                .maxTokens(options.maxTokens())
                .responseFormat(options.form() == ReplyForm.JSON_SCHEMA ? schema : ResponseFormat.TEXT)
                .build();
    }

    // ---- reading answers into the core's types ----

    /** The teacher's steps as {@link Step}s of the think text, or why they are not acceptable. */
    static Checked<List<Step>> steps(Trace trace, List<RawStep> raw) {
        List<PlanViolation> violations = new ArrayList<>();
        List<Skill> skills = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Optional<Skill> skill = SkillLabels.parse(raw.get(i).skill());
            if (skill.isEmpty()) {
                violations.add(new PlanViolation(ViolationKind.UNKNOWN_SKILL, i, "step " + i + " has the skill \""
                        + raw.get(i).skill() + "\", which is not one of " + SkillLabels.names()));
            }
            skills.add(skill.orElse(null));
        }
        StepAligner.Alignment alignment = new StepAligner(trace.think()).align(raw.stream().map(RawStep::text).toList());
        violations.addAll(alignment.violations());
        if (!violations.isEmpty()) {
            violations.sort((a, b) -> Integer.compare(a.step(), b.step()));
            return new Checked<>(null, violations);
        }
        List<Step> steps = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Span span = alignment.spans().get(i);
            steps.add(new Step(i, span, span.of(trace.think()), skills.get(i)));
        }
        return new Checked<>(steps, List.of());
    }

    /** The teacher's decisions and synthesis as a {@link PruningPlan} that passed validation. */
    Checked<PruningPlan> plan(Trace trace, List<Step> steps, TeacherReply.Plan reply) {
        List<PlanViolation> violations = new ArrayList<>();
        List<StepDecision> decisions = new ArrayList<>(reply.decisions().size());
        for (RawDecision d : reply.decisions()) {
            Optional<Action> action = action(d.action());
            if (action.isEmpty()) {
                violations.add(new PlanViolation(ViolationKind.UNKNOWN_ACTION, d.step(), "step " + d.step()
                        + " has the action \"" + d.action() + "\"; use KEEP, DELETE, REWRITE or MERGE"));
                continue;
            }
            decisions.add(new StepDecision(d.step(), action.get(), d.merged(), d.text()));
        }
        PruningPlan plan = new PruningPlan(decisions, reply.synthesized().strip());
        if (violations.isEmpty()) {
            violations.addAll(validator.validate(trace, steps, plan));
        } else {
            // unknown actions leave steps without decisions; report the rest of the structure too
            violations.addAll(PlanValidator.checkDecisions(steps.size(), decisions, -1).stream()
                    .filter(v -> v.kind() != ViolationKind.MISSING_DECISION
                            || reply.decisions().stream().noneMatch(d -> d.step() == v.step()))
                    .toList());
            violations.addAll(validator.checkSynthesis(trace, plan.synthesized()));
        }
        violations.sort((a, b) -> Integer.compare(a.step(), b.step()));
        return violations.isEmpty() ? new Checked<>(plan, List.of()) : new Checked<>(null, violations);
    }

    private static Optional<Action> action(String written) {
        String word = written.strip().replaceAll("^[*_`\"']+|[*_`\"'.:]+$", "").toUpperCase(Locale.ROOT);
        for (Action a : Action.values()) {
            if (a.name().equals(word)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
