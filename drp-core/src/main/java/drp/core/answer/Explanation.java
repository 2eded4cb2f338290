package drp.core.answer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why a check came out as it did: both answers as given, as normalized, and as read (their
 * structure), the rule that decided and the verdict. This is what {@code drp equiv} prints.
 *
 * @param goldRead the gold answer's structure as read, or empty when it could not be read
 * @param predictedRead the predicted answer's structure as read, or empty
 */
public record Explanation(String gold, String predicted, String goldNormalized, String predictedNormalized,
        String goldRead, String predictedRead, DecidingRule rule, Verdict verdict) {

    public Explanation {
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(goldNormalized, "goldNormalized");
        Objects.requireNonNull(predictedNormalized, "predictedNormalized");
        Objects.requireNonNull(goldRead, "goldRead");
        Objects.requireNonNull(predictedRead, "predictedRead");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** The fields in a stable order, for JSON output ({@code drp equiv --in}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gold", gold);
        m.put("pred", predicted);
        m.put("verdict", verdict.label());
        m.put("rule", rule.name().toLowerCase(java.util.Locale.ROOT));
        m.put("reason", verdict.reason());
        m.put("gold_normalized", goldNormalized);
        m.put("pred_normalized", predictedNormalized);
        m.put("gold_read", goldRead);
        m.put("pred_read", predictedRead);
        return m;
    }

    /** A few lines for a terminal. */
    public String describe() {
        return "verdict:    " + verdict.label() + "\n"
                + "rule:       " + rule.label() + "\n"
                + "reason:     " + verdict.reason() + "\n"
                + "gold:       " + gold + "\n"
                + "  normalized " + goldNormalized + "\n"
                + "  read as    " + goldRead + "\n"
                + "predicted:  " + predicted + "\n"
                + "  normalized " + predictedNormalized + "\n"
                + "  read as    " + predictedRead + "\n";
    }
}
