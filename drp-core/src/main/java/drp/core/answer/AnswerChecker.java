package drp.core.answer;

/**
 * Decides whether a predicted answer equals a gold answer. Not symmetric: the gold answer comes
 * first, and its form guides the comparison. Implementations are thread-safe.
 */
public interface AnswerChecker {

    Verdict check(String gold, String predicted);
}
