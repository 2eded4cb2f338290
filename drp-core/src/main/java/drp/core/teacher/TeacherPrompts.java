package drp.core.teacher;

import drp.core.answer.AnswerFormat;
import drp.core.chat.ResponseFormat;
import drp.core.prune.PlanViolation;
import drp.core.run.ContentHash;
import drp.core.step.Skill;
import drp.core.step.Step;
import drp.core.trace.Trace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The LLM teacher's prompts, one versioned resource file each (see {@code
 * src/main/resources/drp/core/teacher/prompts}): the system message, the task of each call, the
 * answer-format instructions per {@link ReplyForm}, the JSON schemas, and the feedback that sends
 * validation errors back. Their hashes identify the teacher in run.json.
 */
public final class TeacherPrompts {

    /** The prompt set shipped with this version of drp. */
    public static final String VERSION = "v1";

    private final PromptTemplate system;
    private final PromptTemplate decompose;
    private final PromptTemplate decomposeJson;
    private final PromptTemplate decomposeText;
    private final PromptTemplate prune;
    private final PromptTemplate pruneJson;
    private final PromptTemplate pruneText;
    private final PromptTemplate oneCall;
    private final PromptTemplate oneCallJson;
    private final PromptTemplate oneCallText;
    private final PromptTemplate feedback;
    private final PromptTemplate decomposeSchema;
    private final PromptTemplate pruneSchema;
    private final PromptTemplate oneCallSchema;

    private TeacherPrompts(String version) {
        system = load("system", version, "txt");
        decompose = load("decompose", version, "txt");
        decomposeJson = load("decompose-json", version, "txt");
        decomposeText = load("decompose-text", version, "txt");
        prune = load("prune", version, "txt");
        pruneJson = load("prune-json", version, "txt");
        pruneText = load("prune-text", version, "txt");
        oneCall = load("one-call", version, "txt");
        oneCallJson = load("one-call-json", version, "txt");
        oneCallText = load("one-call-text", version, "txt");
        feedback = load("feedback", version, "txt");
        decomposeSchema = load("decompose-schema", version, "json");
        pruneSchema = load("prune-schema", version, "json");
        oneCallSchema = load("one-call-schema", version, "json");
    }

    /** The shipped prompt set. */
    public static TeacherPrompts standard() {
        return new TeacherPrompts(VERSION);
    }

    private static PromptTemplate load(String name, String version, String extension) {
        return PromptTemplate.load(name + "-" + version + "." + extension);
    }

    /** Every file of the set, by name. */
    public List<PromptTemplate> templates() {
        return List.of(system, decompose, decomposeJson, decomposeText, prune, pruneJson, pruneText, oneCall,
                oneCallJson, oneCallText, feedback, decomposeSchema, pruneSchema, oneCallSchema);
    }

    /** File name to SHA-256, for run.json. */
    public Map<String, String> hashes() {
        Map<String, String> out = new LinkedHashMap<>();
        templates().forEach(t -> out.put(t.name(), t.sha256()));
        return out;
    }

    /** One SHA-256 over every file's name and hash: the prompt set's identity. */
    public String combinedHash() {
        return ContentHash.of(templates().stream().map(t -> t.name() + " " + t.sha256())
                .collect(Collectors.joining("\n")));
    }

    public String system() {
        return system.render(Map.of());
    }

    /** The first call of the two-call protocol: split the trace into labelled verbatim steps. */
    public String decompose(Trace trace, ReplyForm form) {
        return decompose.render(Map.of(
                "skills", skillList(),
                "question", trace.question().strip(),
                "trace", trace.think(),
                "answer_format", (form == ReplyForm.JSON_SCHEMA ? decomposeJson : decomposeText).render(Map.of())));
    }

    /**
     * The second call: decide per step and synthesize.
     *
     * @param answerStep the step that states the final answer, or -1 when none could be found
     */
    public String prune(Trace trace, List<Step> steps, int answerStep, AnswerFormat format, ReplyForm form) {
        return prune.render(Map.of(
                "answer", trace.answer(),
                "answer_statement", format.statement(trace.answer()),
                "last_step", Integer.toString(steps.size() - 1),
                "answer_step_hint", answerStep >= 0 ? " (step " + answerStep + ")" : "",
                "question", trace.question().strip(),
                "steps", steps(steps),
                "answer_format", (form == ReplyForm.JSON_SCHEMA ? pruneJson : pruneText).render(Map.of())));
    }

    /** The one-call variant: decompose, decide and synthesize at once. */
    public String oneCall(Trace trace, AnswerFormat format, ReplyForm form) {
        return oneCall.render(Map.of(
                "answer", trace.answer(),
                "skills", skillList(),
                "answer_statement", format.statement(trace.answer()),
                "question", trace.question().strip(),
                "trace", trace.think(),
                "answer_format", (form == ReplyForm.JSON_SCHEMA ? oneCallJson : oneCallText).render(Map.of())));
    }

    /** The message that sends an answer's violations back to the teacher. */
    public String feedback(List<PlanViolation> violations) {
        String errors = violations.stream().map(v -> "- " + v.message()).collect(Collectors.joining("\n"));
        return feedback.render(Map.of("errors", errors));
    }

    public ResponseFormat.JsonSchema decomposeSchema() {
        return new ResponseFormat.JsonSchema("drp_decomposition", decomposeSchema.render(Map.of("skill_enum", skillEnum())), true);
    }

    public ResponseFormat.JsonSchema pruneSchema() {
        return new ResponseFormat.JsonSchema("drp_pruning_plan", pruneSchema.render(Map.of()), true);
    }

    public ResponseFormat.JsonSchema oneCallSchema() {
        return new ResponseFormat.JsonSchema("drp_decomposed_plan", oneCallSchema.render(Map.of("skill_enum", skillEnum())), true);
    }

    /** The steps as the prune prompt shows them: tagged blocks with index and skill. */
    static String steps(List<Step> steps) {
        StringBuilder out = new StringBuilder();
        for (Step step : steps) {
            out.append("<step index=\"").append(step.index()).append("\" skill=\"").append(step.skill().name())
                    .append("\">\n").append(step.content()).append("\n</step>\n");
        }
        return out.toString().stripTrailing();
    }

    private static String skillList() {
        return Stream.of(Skill.values()).map(s -> "- " + s.name() + ": " + s.description())
                .collect(Collectors.joining("\n"));
    }

    private static String skillEnum() {
        return Stream.of(Skill.values()).map(s -> "\"" + s.name() + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
