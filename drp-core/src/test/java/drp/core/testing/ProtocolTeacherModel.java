package drp.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.core.chat.ChatMessage;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.chat.FinishReason;
import drp.core.chat.ModelId;
import drp.core.chat.Prompt;
import drp.core.chat.ResponseFormat;
import drp.core.chat.Usage;
import drp.core.prune.AnswerLocator;
import drp.core.step.Granularity;
import drp.core.step.RuleBasedSkillTagger;
import drp.core.step.Skill;
import drp.core.step.Span;
import drp.core.step.Step;
import drp.core.step.StepSegmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for a teacher model, for tests: it reads the task of drp's teacher prompts (the first
 * user message, so a retry after feedback gets a correct answer) and answers as a capable teacher
 * would, in JSON when the request asks for a schema and in plain text blocks otherwise. It splits
 * the trace with the rule-based segmenter, deletes verification, reflection and exploration steps
 * (never the one stating the answer), keeps the rest, and writes the kept steps as the concise
 * trace with the required closing sentence.
 *
 * <p>It knows the prompts only by their tags ({@code <trace>}, {@code <steps>}, {@code <answer>},
 * {@code <final_sentence>}) and their first line ("Task: decompose...", "Task: prune...").
 */
public final class ProtocolTeacherModel implements ChatModel {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STEP = Pattern.compile("<step index=\"(\\d+)\" skill=\"([A-Z_]+)\">\\n(.*?)\\n</step>",
            Pattern.DOTALL);

    private final ModelId id;
    private final AtomicLong calls = new AtomicLong();
    private volatile boolean sloppy;

    public ProtocolTeacherModel() {
        this(new ModelId("teacher:memory", "protocol-teacher"));
    }

    public ProtocolTeacherModel(ModelId id) {
        this.id = id;
    }

    /** Answers as chatty models do: JSON in a code fence after a sentence, Markdown around text labels. */
    public ProtocolTeacherModel sloppy(boolean on) {
        this.sloppy = on;
        return this;
    }

    public long calls() {
        return calls.get();
    }

    @Override
    public ModelId id() {
        return id;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        calls.incrementAndGet();
        String task = firstUser(request);
        boolean json = request.responseFormat() instanceof ResponseFormat.JsonSchema;
        String reply;
        if (task.startsWith("Task: decompose and prune")) {
            reply = oneCall(task, json);
        } else if (task.startsWith("Task: decompose")) {
            reply = decompose(task, json);
        } else if (task.startsWith("Task: prune")) {
            reply = prune(task, json);
        } else {
            reply = "I can only help with drp's teacher tasks.";
        }
        Choice choice = Choice.of(0, reply, null, FinishReason.STOP, List.of());
        return new ChatResponse(id.model(), List.of(choice),
                new Usage(request.promptText().length() / 4 + 1, reply.length() / 4 + 1));
    }

    /** The decomposition this model gives for {@code think}: the rule-based segmenter's steps. */
    public static List<Step> steps(String think) {
        return new StepSegmenter(Granularity.SKILL, new RuleBasedSkillTagger()).segment(think, "");
    }

    private String decompose(String task, boolean json) {
        List<Step> steps = steps(between(task, "<trace>\n", "\n</trace>"));
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode array = root.putArray("steps");
            steps.forEach(s -> array.addObject().put("text", s.content()).put("skill", s.skill().name()));
            return wrapJson(root.toString());
        }
        StringBuilder out = new StringBuilder();
        for (Step s : steps) {
            out.append(label("Step " + s.index())).append(": ").append(s.content()).append('\n')
                    .append(label("Skill")).append(": ").append(s.skill().name()).append('\n');
        }
        return out.toString();
    }

    private String prune(String task, boolean json) {
        List<Step> steps = new ArrayList<>();
        Matcher m = STEP.matcher(between(task, "<steps>\n", "\n</steps>"));
        int offset = 0;
        while (m.find()) {
            String text = m.group(3);
            steps.add(new Step(Integer.parseInt(m.group(1)), new Span(offset, offset + text.length()), text,
                    Skill.valueOf(m.group(2))));
            offset += text.length();
        }
        return plan(steps, between(task, "<answer>", "</answer>"), between(task, "<final_sentence>", "</final_sentence>"),
                json, false);
    }

    private String oneCall(String task, boolean json) {
        List<Step> steps = steps(between(task, "<trace>\n", "\n</trace>"));
        return plan(steps, between(task, "<answer>", "</answer>"), between(task, "<final_sentence>", "</final_sentence>"),
                json, true);
    }

    private String plan(List<Step> steps, String answer, String statement, boolean json, boolean withSteps) {
        int answerStep = new AnswerLocator(answer).answerStep(steps);
        List<Boolean> kept = new ArrayList<>();
        StringBuilder synthesized = new StringBuilder();
        for (Step s : steps) {
            boolean keep = s.index() == answerStep || switch (s.skill()) {
                case VERIFICATION, REFLECTION, EXPLORATION -> false;
                default -> true;
            };
            kept.add(keep);
            if (keep) {
                synthesized.append(synthesized.isEmpty() ? "" : "\n\n").append(s.content());
            }
        }
        if (!synthesized.toString().endsWith(statement)) {
            synthesized.append("\n\n").append(statement);
        }
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode array = root.putArray(withSteps ? "steps" : "decisions");
            for (Step s : steps) {
                ObjectNode d = array.addObject();
                if (withSteps) {
                    d.put("text", s.content()).put("skill", s.skill().name());
                } else {
                    d.put("step", s.index());
                }
                d.put("action", kept.get(s.index()) ? "KEEP" : "DELETE");
                d.putArray("merged");
                d.put(withSteps ? "rewrite" : "text", "");
            }
            root.put("synthesized", synthesized.toString());
            return wrapJson(root.toString());
        }
        StringBuilder out = new StringBuilder();
        for (Step s : steps) {
            String action = kept.get(s.index()) ? "KEEP" : "DELETE";
            if (withSteps) {
                out.append(label("Step " + s.index())).append(": ").append(s.content()).append('\n')
                        .append(label("Skill")).append(": ").append(s.skill().name()).append('\n')
                        .append(label("Action")).append(": ").append(action).append('\n');
            } else {
                out.append(label("Step " + s.index())).append(": ").append(action).append('\n');
            }
        }
        out.append(label("Concise chain of thought")).append(":\n").append(synthesized).append('\n');
        return out.toString();
    }

    private String wrapJson(String json) {
        return sloppy ? "Here is the answer you asked for:\n```json\n" + json + "\n```\nLet me know if anything is unclear." : json;
    }

    private String label(String label) {
        return sloppy ? "**" + label + "**" : label;
    }

    private static String firstUser(ChatRequest request) {
        if (request.prompt() instanceof Prompt.Messages m) {
            for (ChatMessage message : m.messages()) {
                if (message.role() == ChatMessage.Role.USER) {
                    return message.content();
                }
            }
        }
        return request.promptText();
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open);
        int end = text.lastIndexOf(close);
        if (start < 0 || end < start + open.length()) {
            throw new IllegalArgumentException("the prompt has no " + open.strip() + " ... " + close.strip() + " section");
        }
        return text.substring(start + open.length(), end);
    }
}
