package drp.tiny;

/** A supervised example: the user's question and the assistant text to learn. */
public record TrainingPair(String question, String assistantText) {
    public TrainingPair {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("training pair: the question is blank");
        }
        if (assistantText == null || assistantText.isBlank()) {
            throw new IllegalArgumentException("training pair: the assistant text is blank");
        }
    }
}
