package drp.core.answer;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A small, fast checker: whitespace/dollar/brace normalization, then exact decimal comparison,
 * then string equality. It serves where a full CAS is not needed (the embedded world's integer
 * answers, the heuristic teacher's self-check); benchmark grading uses the full equivalence engine.
 */
public final class BasicAnswerChecker implements AnswerChecker {

    @Override
    public Verdict check(String gold, String predicted) {
        if (predicted == null || predicted.isBlank()) {
            return new Verdict.Unparseable("no predicted answer");
        }
        String g = normalize(gold);
        String p = normalize(predicted);
        Optional<BigDecimal> gn = number(g);
        Optional<BigDecimal> pn = number(p);
        if (gn.isPresent() && pn.isPresent()) {
            boolean same = gn.get().compareTo(pn.get()) == 0;
            String why = "numeric " + gn.get().toPlainString() + " vs " + pn.get().toPlainString();
            return same ? new Verdict.Correct(why) : new Verdict.Wrong(why);
        }
        String why = "text '" + g + "' vs '" + p + "'";
        return g.equals(p) ? new Verdict.Correct(why) : new Verdict.Wrong(why);
    }

    static String normalize(String s) {
        String t = s.strip();
        t = t.replace("$", "").replace("\\!", "").replace("\\,", "").replace("{,}", "");
        t = t.replaceAll("\\s+", "");
        t = t.replaceAll("[.]+$", "");
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static Optional<BigDecimal> number(String s) {
        String t = s.replace(",", "");
        try {
            return Optional.of(new BigDecimal(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
