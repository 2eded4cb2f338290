package drp.cli;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.chat.FinishReason;
import drp.core.chat.ModelId;
import drp.core.chat.Usage;
import drp.core.testing.EchoChatModel;
import drp.core.testing.ProtocolTeacherModel;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models behind the scripted server in the stage tests: drp's teacher prompts ("Task: ...") are
 * answered by {@link ProtocolTeacherModel}; questions "Compute A + B." or "Compute A - B." by an
 * overthinking student that always adds (so subtractions come out wrong), in R1's shape: reasoning,
 * {@code </think>}, a boxed answer. The seed changes the opening words and shows in the hesitation
 * ("Hmm (7), let me..."), so samples drawn with distinct seeds always differ.
 */
final class StubStudent implements ChatModel {

    private static final Pattern TASK = Pattern.compile("Compute (\\d+) ([+-]) (\\d+)\\.");

    private final ProtocolTeacherModel teacher = new ProtocolTeacherModel();

    @Override
    public ModelId id() {
        return new ModelId("stub:student", "student");
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        String source = EchoChatModel.source(request);
        if (source.startsWith("Task:")) {
            return teacher.chat(request);
        }
        Matcher m = TASK.matcher(source);
        if (!m.find()) {
            return new EchoChatModel(id()).chat(request);
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(3));
        int sum = a + b;
        String opening = request.seed() == null || request.seed() % 2 == 0 ? "Okay, so" : "Alright, so";
        String think = opening + " I need to compute " + a + " " + m.group(2) + " " + b + ". Hmm"
                + (request.seed() == null ? "" : " (" + request.seed() + ")")
                + ", let me think about it.\n\n"
                + "Adding them: " + a + " + " + b + " = " + sum + ".\n\n"
                + "Wait, let me double-check that. " + sum + " - " + b + " = " + a + ". Yes, that checks out.\n\n"
                + "So the answer is " + sum + ".";
        String text = think + "\n</think>\n\nThe answer is $\\boxed{" + sum + "}$.";
        int words = text.split("\\s+").length;
        boolean cut = request.maxTokens() != null && words > request.maxTokens();
        if (cut) {
            text = String.join(" ", List.of(text.split("\\s+")).subList(0, request.maxTokens()));
        }
        return new ChatResponse("student", List.of(Choice.of(0, text, null, cut ? FinishReason.LENGTH : FinishReason.STOP,
                List.of())), new Usage(source.split("\\s+").length, cut ? request.maxTokens() : words));
    }
}
