package drp.core.bench;

import java.util.Objects;

/**
 * How a question becomes the user message sent to the model. The template holds the placeholder
 * {@code {question}} exactly once; the chat template itself is applied by the serving engine.
 *
 * @param name     a short name for run.json and reports
 * @param template the message, with {@code {question}} where the question goes
 */
public record PromptStyle(String name, String template) {

    public static final String PLACEHOLDER = "{question}";

    /**
     * DeepSeek-R1's recommended math prompt (its model card: "Please reason step by step, and put
     * your final answer within \boxed{}."), appended on a new line after the question.
     */
    public static final PromptStyle R1_BOXED = new PromptStyle("r1-boxed",
            PLACEHOLDER + "\nPlease reason step by step, and put your final answer within \\boxed{}.");

    /** The question alone. */
    public static final PromptStyle QUESTION_ONLY = new PromptStyle("question-only", PLACEHOLDER);

    public PromptStyle {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        int first = template.indexOf(PLACEHOLDER);
        if (first < 0 || template.indexOf(PLACEHOLDER, first + 1) >= 0) {
            throw new IllegalArgumentException("prompt template '" + name + "' must contain " + PLACEHOLDER + " exactly once");
        }
    }

    /** The user message for {@code question}. */
    public String render(String question) {
        return template.replace(PLACEHOLDER, question);
    }
}
