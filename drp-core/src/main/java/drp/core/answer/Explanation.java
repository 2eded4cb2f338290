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
 * @param extracted the answer taken from a free-text prediction ({@code Hence $y \le 7$ holds.}) and
 *     the rule that found it, or empty when the prediction was read as given (a bare answer)
 * @param goldExtracted the same for a gold answer written as free text (a reference solution)
 * @param precision how decimal predictions were compared: "exact" or "rounded"
 *     ({@link EquivalenceOptions#roundedPredictions()})
 */
public record Explanation(String gold, String predicted, String goldNormalized, String predictedNormalized,
        String goldRead, String predictedRead, DecidingRule rule, Verdict verdict,
        java.util.Optional<ExtractedAnswer> extracted, java.util.Optional<ExtractedAnswer> goldExtracted, String precision) {

    public Explanation {
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(goldNormalized, "goldNormalized");
        Objects.requireNonNull(predictedNormalized, "predictedNormalized");
        Objects.requireNonNull(goldRead, "goldRead");
        Objects.requireNonNull(predictedRead, "predictedRead");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(extracted, "extracted");
        Objects.requireNonNull(goldExtracted, "goldExtracted");
        Objects.requireNonNull(precision, "precision");
    }

    /** A check of a bare prediction, under exact precision. */
    public Explanation(String gold, String predicted, String goldNormalized, String predictedNormalized,
            String goldRead, String predictedRead, DecidingRule rule, Verdict verdict) {
        this(gold, predicted, goldNormalized, predictedNormalized, goldRead, predictedRead, rule, verdict,
                java.util.Optional.empty(), java.util.Optional.empty(), "exact");
    }

    /** This explanation with the answers extracted from free text (either may be empty) and the precision setting. */
    Explanation withExtraction(java.util.Optional<ExtractedAnswer> found, java.util.Optional<ExtractedAnswer> goldFound,
            String precisionLabel) {
        return new Explanation(gold, predicted, goldNormalized, predictedNormalized, goldRead, predictedRead, rule,
                verdict, found, goldFound, precisionLabel);
    }

    /** The fields in a stable order, for JSON output ({@code drp equiv --in}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gold", gold);
        m.put("pred", predicted);
        m.put("verdict", verdict.label());
        m.put("rule", rule.name().toLowerCase(java.util.Locale.ROOT));
        m.put("reason", verdict.reason());
        goldExtracted.ifPresent(e -> {
            m.put("gold_extracted", e.text());
            m.put("gold_extraction_rule", e.rule().name().toLowerCase(java.util.Locale.ROOT));
        });
        extracted.ifPresent(e -> {
            m.put("pred_extracted", e.text());
            m.put("extraction_rule", e.rule().name().toLowerCase(java.util.Locale.ROOT));
        });
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
                + goldExtracted.map(e -> "  extracted  " + e.text() + "  (rule " + e.rule().name().toLowerCase(java.util.Locale.ROOT)
                        + ": the gold is free text)\n").orElse("")
                + "  normalized " + goldNormalized + "\n"
                + "  read as    " + goldRead + "\n"
                + "predicted:  " + predicted + "\n"
                + extracted.map(e -> "  extracted  " + e.text() + "  (rule " + e.rule().name().toLowerCase(java.util.Locale.ROOT)
                        + ": the prediction is free text)\n").orElse("")
                + "  normalized " + predictedNormalized + "\n"
                + "  read as    " + predictedRead + "\n"
                + "precision:  " + precision + (precision.equals("rounded")
                        ? " (a decimal prediction equals a gold that rounds to it at its digits)\n"
                        : " (decimals within one in a million, no rounding)\n");
    }
}
