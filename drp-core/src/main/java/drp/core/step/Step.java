package drp.core.step;

import java.util.Objects;

/**
 * One step of a chain of thought: a verbatim span of the think text with the skill it exercises.
 * Steps of one trace are numbered from 0, are contiguous, and concatenate to the think text byte
 * for byte (each step keeps the whitespace that follows it).
 *
 * @param index position in the trace, from 0
 * @param span  where the step lies in the think text
 * @param text  the verbatim text, including its trailing whitespace
 * @param skill the skill it exercises
 */
public record Step(int index, Span span, String text, Skill skill) {
    public Step {
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(skill, "skill");
        if (index < 0) {
            throw new IllegalArgumentException("negative step index " + index);
        }
        if (text.length() != span.length()) {
            throw new IllegalArgumentException("step " + index + ": text length " + text.length()
                    + " does not match its span " + span);
        }
    }

    /** The text without surrounding whitespace: what a reader sees. */
    public String content() {
        return text.strip();
    }
}
