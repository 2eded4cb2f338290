package drp.core.teacher;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import drp.core.teacher.TeacherReply.DecomposedPlan;
import drp.core.teacher.TeacherReply.Decomposition;
import drp.core.teacher.TeacherReply.Plan;
import drp.core.teacher.TeacherReply.RawDecision;
import drp.core.teacher.TeacherReply.RawStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a teacher's answer in either form, whichever was asked for: JSON (possibly inside a code
 * fence, after or before some prose, with typographic quotes as delimiters, raw line breaks inside
 * strings or trailing commas) or plain text blocks ({@code Step n: ...} / {@code Skill: ...} /
 * {@code Action: ...} and a closing {@code Concise chain of thought:} section, tolerating Markdown
 * emphasis around the labels). A "Step n:" line inside a step's verbatim text does not start a new
 * step: a step ends only at its {@code Skill:} line.
 */
final class TeacherReplyParser {

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .build();

    private static final Pattern FENCE = Pattern.compile("```[A-Za-z]*[ \\t]*\\n(.*?)\\n?[ \\t]*```", Pattern.DOTALL);
    private static final String LABEL_LEAD = "^[ \\t]*(?:[*#>_]+[ \\t]*)?";
    private static final String LABEL_END = "[ \\t]*(?:[*_]+)?[ \\t]*[:.)\\-\u2013][ \\t]*(?:[*_]+[ \\t]*)?";
    private static final Pattern STEP = Pattern.compile(LABEL_LEAD + "Step[ \\t]+(\\d+)" + LABEL_END + "(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SKILL = Pattern.compile(LABEL_LEAD + "(?:Skill|Label)(?:[*_]+)?[ \\t]*:[ \\t]*(?:[*_]+[ \\t]*)?(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION_LINE = Pattern.compile(LABEL_LEAD + "Action(?:[*_]+)?[ \\t]*:[ \\t]*(?:[*_]+[ \\t]*)?(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SYNTHESIS = Pattern.compile(LABEL_LEAD
            + "(?:Concise chain of thought|Concise trace|Concise reasoning|Synthesi[sz]ed(?: trace| chain of thought)?|Pruned trace)"
            + "(?:[*_]+)?[ \\t]*:[ \\t]*(?:[*_]+[ \\t]*)?(.*)$", Pattern.CASE_INSENSITIVE);
    /** An action word, an optional merge group ("3,4", "[3, 4]", "3-5", "3 to 5", "with 4"), an optional text. */
    private static final Pattern ACTION = Pattern.compile(
            "^[*_\\s]*([A-Za-z_]+)[*_]*[ \\t]*(?:(?:with|steps?)[ \\t]*)?"
                    + "([\\[(]?[ \\t]*\\d+(?:[ \\t]*(?:,|;|and|-|\u2013|to)[ \\t]*\\d+)*[ \\t]*[\\])]?)?"
                    + "[ \\t]*(?:(?::|->|\u2192|=>|\u2014)[ \\t]*(.*))?$", Pattern.DOTALL);

    private TeacherReplyParser() {}

    /** The first call's answer. */
    static Decomposition decomposition(String reply) {
        String text = nonEmpty(reply);
        Optional<JsonNode> json = json(text);
        if (json.isPresent()) {
            JsonNode steps = json.get().isArray() ? json.get() : field(json.get(), "steps");
            if (steps == null || !steps.isArray()) {
                throw new UnreadableReplyException("the JSON answer has no \"steps\" array");
            }
            return new Decomposition(rawSteps(steps));
        }
        Blocks blocks = blocks(text, false);
        if (blocks.steps().isEmpty()) {
            throw new UnreadableReplyException("the answer holds neither a JSON object nor \"Step 0: ...\" blocks"
                    + " each followed by a \"Skill: ...\" line");
        }
        return new Decomposition(blocks.steps());
    }

    /** The second call's answer. */
    static Plan plan(String reply) {
        String text = nonEmpty(reply);
        Optional<JsonNode> json = json(text);
        if (json.isPresent()) {
            JsonNode decisions = field(json.get(), "decisions", "actions", "steps");
            if (decisions == null || !decisions.isArray()) {
                throw new UnreadableReplyException("the JSON answer has no \"decisions\" array");
            }
            List<RawDecision> out = new ArrayList<>();
            for (int i = 0; i < decisions.size(); i++) {
                JsonNode d = decisions.get(i);
                out.add(new RawDecision(stepNumber(field(d, "step", "index", "id"), i), text(field(d, "action", "decision")),
                        group(field(d, "merged", "merge_with", "group", "steps")), optionalText(field(d, "text", "rewrite"))));
            }
            return new Plan(out, synthesized(json.get()));
        }
        List<RawDecision> decisions = new ArrayList<>();
        String synthesized = null;
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher synthesis = SYNTHESIS.matcher(lines.get(i));
            if (synthesis.matches()) {
                synthesized = rest(synthesis.group(1), lines, i + 1);
                break;
            }
            Matcher step = STEP.matcher(lines.get(i));
            if (step.matches()) {
                int end = i + 1;
                while (end < lines.size() && !STEP.matcher(lines.get(end)).matches()
                        && !SYNTHESIS.matcher(lines.get(end)).matches()) {
                    end++;
                }
                String body = join(step.group(2), lines.subList(i + 1, end));
                decisions.add(action(Integer.parseInt(step.group(1)), body));
                i = end - 1;
            }
        }
        if (decisions.isEmpty()) {
            throw new UnreadableReplyException("the answer holds neither a JSON object nor \"Step n: ACTION\" lines");
        }
        if (synthesized == null) {
            throw new UnreadableReplyException("the answer has no \"Concise chain of thought:\" section after the decisions");
        }
        return new Plan(decisions, synthesized);
    }

    /** The one-call variant's answer. */
    static DecomposedPlan decomposedPlan(String reply) {
        String text = nonEmpty(reply);
        Optional<JsonNode> json = json(text);
        if (json.isPresent()) {
            JsonNode steps = field(json.get(), "steps");
            if (steps == null || !steps.isArray()) {
                throw new UnreadableReplyException("the JSON answer has no \"steps\" array");
            }
            List<RawDecision> decisions = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                JsonNode s = steps.get(i);
                decisions.add(new RawDecision(i, text(field(s, "action", "decision")),
                        group(field(s, "merged", "merge_with", "group")), optionalText(field(s, "rewrite", "new_text"))));
            }
            return new DecomposedPlan(rawSteps(steps), decisions, synthesized(json.get()));
        }
        Blocks blocks = blocks(text, true);
        if (blocks.steps().isEmpty()) {
            throw new UnreadableReplyException("the answer holds neither a JSON object nor \"Step 0: ...\" blocks"
                    + " with \"Skill: ...\" and \"Action: ...\" lines");
        }
        if (blocks.synthesized() == null) {
            throw new UnreadableReplyException("the answer has no \"Concise chain of thought:\" section after the steps");
        }
        return new DecomposedPlan(blocks.steps(), blocks.decisions(), blocks.synthesized());
    }

    // ---- JSON ----

    /** The answer's JSON value, if it is written as JSON at all; malformed JSON is an error. */
    static Optional<JsonNode> json(String reply) {
        String text = reply.strip();
        Matcher fence = FENCE.matcher(text);
        if (fence.find() && fence.group(1).strip().matches("(?s)^[\\[{].*")) {
            text = fence.group(1).strip();
        }
        int object = text.indexOf('{');
        if (object < 0 || (!text.startsWith("{") && !text.startsWith("[") && looksLikeBlocks(text, object))) {
            return Optional.empty();
        }
        int start = text.startsWith("[") ? 0 : object;
        String candidate = text.substring(start);
        JsonProcessingException first;
        try {
            return Optional.of(readFirst(candidate));
        } catch (JsonProcessingException e) {
            first = e;
        }
        // LaTeX backslashes left unescaped (\sqrt), then typographic quotes used as JSON delimiters
        String escaped = LatexEscapes.escapeInvalid(candidate);
        String straightened = escaped.replace('\u201c', '"').replace('\u201d', '"').replace('\u201e', '"');
        for (String repaired : List.of(escaped, straightened)) {
            if (repaired.equals(candidate)) {
                continue;
            }
            try {
                return Optional.of(readFirst(repaired));
            } catch (JsonProcessingException ignored) {
                // report the first error: it is about what the teacher wrote
            }
        }
        throw new UnreadableReplyException("the JSON answer is malformed: " + first.getOriginalMessage()
                + (first.getLocation() == null ? "" : " (line " + first.getLocation().getLineNr() + ", column "
                        + first.getLocation().getColumnNr() + ")"));
    }

    /** Prose that mentions a brace after some "Step n:" blocks is a text answer, not JSON. */
    private static boolean looksLikeBlocks(String text, int firstBrace) {
        return text.substring(0, firstBrace).lines().anyMatch(l -> STEP.matcher(l).matches());
    }

    private static JsonNode readFirst(String text) throws JsonProcessingException {
        try (JsonParser parser = LENIENT.createParser(text)) {
            JsonNode node = LENIENT.readTree(parser);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw new UnreadableReplyException("the answer is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading from a string failed", e);
        }
    }

    private static List<RawStep> rawSteps(JsonNode steps) {
        List<RawStep> out = new ArrayList<>();
        for (JsonNode s : steps) {
            if (s.isTextual()) {
                throw new UnreadableReplyException("each step must be an object with \"text\" and \"skill\", found a string");
            }
            out.add(new RawStep(text(field(s, "text", "content", "step_text")), text(field(s, "skill", "label"))));
        }
        return out;
    }

    private static String synthesized(JsonNode root) {
        JsonNode s = field(root, "synthesized", "concise_chain_of_thought", "concise_trace", "concise", "trace");
        if (s == null || !s.isTextual()) {
            throw new UnreadableReplyException("the JSON answer has no \"synthesized\" text");
        }
        return LatexEscapes.restore(s.asText());
    }

    private static JsonNode field(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node == null ? "" : node.isTextual() ? node.asText() : node.toString();
    }

    /** A rewrite or merge text: absent when empty; LaTeX commands mangled by JSON escapes restored. */
    private static String optionalText(JsonNode node) {
        return node == null || (node.isTextual() && node.asText().isBlank()) ? null : LatexEscapes.restore(text(node));
    }

    private static int stepNumber(JsonNode node, int position) {
        if (node == null) {
            return position;
        }
        if (node.canConvertToInt() && node.isIntegralNumber()) {
            return node.asInt();
        }
        Matcher digits = Pattern.compile("-?\\d+").matcher(node.asText());
        if (digits.find()) {
            return Integer.parseInt(digits.group());
        }
        throw new UnreadableReplyException("decision " + position + " names no step number: " + node);
    }

    private static List<Integer> group(JsonNode node) {
        List<Integer> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                out.add(stepNumber(n, -1));
            }
            return out;
        }
        return numbers(node.asText());
    }

    // ---- plain text ----

    private record Blocks(List<RawStep> steps, List<RawDecision> decisions, String synthesized) {}

    /** Step blocks: each runs from its "Step n:" line to its "Skill:" line (and "Action:" with actions). */
    private static Blocks blocks(String text, boolean withActions) {
        List<String> lines = text.lines().toList();
        List<RawStep> steps = new ArrayList<>();
        List<RawDecision> decisions = new ArrayList<>();
        String synthesized = null;
        int i = 0;
        while (i < lines.size()) {
            Matcher synthesis = SYNTHESIS.matcher(lines.get(i));
            if (synthesis.matches() && !steps.isEmpty()) {
                synthesized = rest(synthesis.group(1), lines, i + 1);
                break;
            }
            Matcher header = STEP.matcher(lines.get(i));
            if (!header.matches()) {
                i++;
                continue;
            }
            // the step's text runs to its skill line; "Step n:" lines before it are part of the text
            int skillLine = i + 1;
            while (skillLine < lines.size() && !SKILL.matcher(lines.get(skillLine)).matches()) {
                skillLine++;
            }
            boolean sameLineSkill = false;
            String first = header.group(2);
            Matcher inline = Pattern.compile("^(.*?)[ \\t]+(?:\\(|\\[|[-\u2013\u2014|][ \\t]*)?Skill[ \\t]*:[ \\t]*([A-Za-z_ ]+)[)\\]]?[ \\t]*$",
                    Pattern.CASE_INSENSITIVE).matcher(first);
            if (skillLine >= lines.size() && inline.matches()) {
                sameLineSkill = true;
            } else if (skillLine >= lines.size()) {
                break; // a block without a skill line ends the steps
            }
            String stepText;
            String skill;
            if (sameLineSkill) {
                stepText = inline.group(1);
                skill = inline.group(2);
                skillLine = i;
            } else {
                stepText = join(first, lines.subList(i + 1, skillLine));
                Matcher s = SKILL.matcher(lines.get(skillLine));
                s.matches();
                skill = s.group(1);
            }
            steps.add(new RawStep(stepText, stripEmphasis(skill)));
            int next = skillLine + 1;
            if (withActions) {
                while (next < lines.size() && lines.get(next).isBlank()) {
                    next++;
                }
                String action = "";
                if (next < lines.size()) {
                    Matcher a = ACTION_LINE.matcher(lines.get(next));
                    if (a.matches()) {
                        int end = next + 1;
                        while (end < lines.size() && !STEP.matcher(lines.get(end)).matches()
                                && !SYNTHESIS.matcher(lines.get(end)).matches()) {
                            end++;
                        }
                        action = join(a.group(1), lines.subList(next + 1, end));
                        next = end;
                    }
                }
                RawDecision d = action(steps.size() - 1, action);
                decisions.add(d);
            }
            i = next;
        }
        return new Blocks(steps, decisions, synthesized);
    }

    /** "KEEP", "REWRITE: text", "MERGE 3,4: text", "MERGE [3, 4]". */
    private static RawDecision action(int step, String body) {
        String b = body.strip();
        Matcher m = ACTION.matcher(b);
        if (!m.matches()) {
            String word = b.isEmpty() ? "" : b.split("[\\s:]+", 2)[0];
            return new RawDecision(step, word, List.of(), null);
        }
        String word = m.group(1);
        List<Integer> merged = m.group(2) == null ? List.of() : numbers(m.group(2));
        String text = m.group(3) == null || m.group(3).isBlank() ? null : m.group(3).strip();
        return new RawDecision(step, word, merged, text);
    }

    /** "3,4", "[3, 4]", "3-5" (a range), "3 to 5", "3 and 4". */
    static List<Integer> numbers(String text) {
        List<Integer> out = new ArrayList<>();
        Matcher range = Pattern.compile("(\\d+)[ \\t]*(?:-|\u2013|to)[ \\t]*(\\d+)|(\\d+)").matcher(text);
        while (range.find()) {
            if (range.group(3) != null) {
                out.add(Integer.parseInt(range.group(3)));
            } else {
                int from = Integer.parseInt(range.group(1));
                int to = Integer.parseInt(range.group(2));
                if (to < from || to - from > 10_000) {
                    throw new UnreadableReplyException("the step range " + range.group() + " is not a range of step numbers");
                }
                for (int k = from; k <= to; k++) {
                    out.add(k);
                }
            }
        }
        return out;
    }

    private static String rest(String firstLine, List<String> lines, int from) {
        String text = join(firstLine, lines.subList(from, lines.size())).strip();
        Matcher fence = FENCE.matcher(text);
        if (fence.matches()) {
            text = fence.group(1).strip();
        }
        return text;
    }

    private static String join(String first, List<String> more) {
        StringBuilder out = new StringBuilder(first == null ? "" : first);
        for (String line : more) {
            out.append('\n').append(line);
        }
        return out.toString().strip();
    }

    private static String stripEmphasis(String s) {
        return s.replaceAll("^[*_`\\s]+|[*_`\\s.]+$", "");
    }

    private static String nonEmpty(String reply) {
        if (reply == null || reply.isBlank()) {
            throw new UnreadableReplyException("the answer is empty");
        }
        return reply;
    }
}
