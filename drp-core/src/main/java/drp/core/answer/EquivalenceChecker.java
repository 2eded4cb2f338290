package drp.core.answer;

import java.util.Objects;

/**
 * The answer-equivalence engine used for grading. {@link #check} is not symmetric: the gold answer
 * comes first and its form guides the comparison. The ladder, cheapest first:
 * <ol>
 *   <li>LaTeX normalization of both answers ({@link LatexNormalizer}); identical forms are equal;
 *   <li>the structure of each ({@link AnswerParser}): value, tuple, set, list, interval, union,
 *       matrix, equation, inequality, choice letter, text;
 *   <li>structure by structure ({@link AnswerComparison}), values by {@link ScalarComparison}:
 *       exact rationals, decimal tolerance, double-precision constants, numeric counterexamples,
 *       and last Symja's {@code PossibleZeroQ} of the difference.
 * </ol>
 *
 * <p><b>Time bound.</b> Normalization, parsing and the numeric steps run on the calling thread and
 * are bounded by construction (answers over {@value #MAX_LENGTH} characters are refused; exact
 * arithmetic refuses numbers over {@value Rational#MAX_BITS} bits). Symja runs only on this
 * checker's worker threads, and the caller waits for it at most {@link EquivalenceOptions#timeout()}
 * in total per check; on expiry the query is interrupted and the verdict is
 * {@link Verdict.TimedOut}. This works from any thread and needs no signal.
 *
 * <p><b>Errors.</b> Nothing is silently wrong: an answer that cannot be read, a question Symja
 * cannot decide, an exception in Symja or in this checker all give {@link Verdict.Unparseable}
 * with the cause in the reason (a failure of this checker starts with "internal error", one of
 * Symja with "Symja failed").
 *
 * <p><b>Threads.</b> Instances are thread-safe; checks may run in parallel. Close the checker to
 * stop its worker threads (they are daemons, so forgetting to close does not keep a JVM alive).
 */
public final class EquivalenceChecker implements AnswerChecker, AutoCloseable {

    /** Longer answers are refused: real answers are short, and this bounds the work per check. */
    public static final int MAX_LENGTH = 4000;
    /** Longest free-text prediction read for its answer (a worked solution); its answer is then bounded by {@link #MAX_LENGTH}. */
    public static final int MAX_TEXT_LENGTH = 200_000;

    private static final RuleBasedExtractor FREE_TEXT = new RuleBasedExtractor(RuleBasedExtractor.FREE_TEXT_ORDER);
    /** A comma that cannot separate thousands (not three digits after it): a decimal comma, {@code 2,5}. */
    private static final java.util.regex.Pattern SPACED_COMMA = java.util.regex.Pattern.compile(",\\s");
    private static final java.util.regex.Pattern DECIMAL_COMMA = java.util.regex.Pattern.compile("-?\\d+,(?:\\d{1,2}|\\d{4,})");

    private final EquivalenceOptions options;
    private final ComputerAlgebra algebra;
    private final TimeBoundedExecutor workers;
    private volatile boolean closed;

    /** A checker with {@link EquivalenceOptions#DEFAULTS} and Symja. */
    public EquivalenceChecker() {
        this(EquivalenceOptions.DEFAULTS);
    }

    public EquivalenceChecker(EquivalenceOptions options) {
        this(options, new SymjaAlgebra());
    }

    /** A checker on another computer algebra system (tests inject slow or failing ones). */
    public EquivalenceChecker(EquivalenceOptions options, ComputerAlgebra algebra) {
        this.options = Objects.requireNonNull(options, "options");
        this.algebra = Objects.requireNonNull(algebra, "algebra");
        this.workers = new TimeBoundedExecutor("drp-cas", options.casWorkers(), algebra::prepareThread,
                options.queueLimit());
    }

    public EquivalenceOptions options() {
        return options;
    }

    @Override
    public Verdict check(String gold, String predicted) {
        return explain(gold, predicted).verdict();
    }

    /**
     * The verdict with everything that led to it: the answer extracted from a free-text prediction
     * and the rule that found it, normalized forms, structures, deciding rule, precision setting.
     *
     * <p>A prediction that is free text ({@link RuleBasedExtractor#isFreeText}: {@code Answer: $ 12 $},
     * {@code Hence $y \le 7$ holds.}, a worked solution) is read for its final answer first, by
     * {@link RuleBasedExtractor#FREE_TEXT_ORDER} (last box, "answer is" forms, last math span, last
     * number); a bare answer is compared as given.
     */
    public Explanation explain(String gold, String predicted) {
        if (closed) {
            throw new IllegalStateException("this EquivalenceChecker is closed");
        }
        String g = gold == null ? "" : gold;
        String p = predicted == null ? "" : predicted;
        java.util.Optional<ExtractedAnswer> extracted = freeText(p);
        java.util.Optional<ExtractedAnswer> goldExtracted = freeText(g);
        return explain(g, p, goldExtracted, extracted).withExtraction(extracted, goldExtracted, options.precisionLabel());
    }

    /** The final answer of a free-text answer (a prediction or a reference solution); empty for a bare answer. */
    private static java.util.Optional<ExtractedAnswer> freeText(String answer) {
        if (answer.isBlank() || answer.length() > MAX_TEXT_LENGTH || !RuleBasedExtractor.isFreeText(answer)) {
            return java.util.Optional.empty();
        }
        return FREE_TEXT.extract(answer);
    }

    private Explanation explain(String givenGold, String given, java.util.Optional<ExtractedAnswer> goldExtracted,
            java.util.Optional<ExtractedAnswer> extracted) {
        String g = goldExtracted.map(ExtractedAnswer::text).orElse(givenGold);
        String p = extracted.map(ExtractedAnswer::text).orElse(given);
        if (g.isBlank()) {
            return unread(givenGold, given, "", "", new Verdict.Unparseable("the gold answer is empty"));
        }
        if (p.isBlank()) {
            return unread(givenGold, given, "", "", new Verdict.Unparseable("no predicted answer"));
        }
        if (g.length() > MAX_LENGTH || p.length() > MAX_LENGTH) {
            return unread(givenGold, given, "", "", new Verdict.Unparseable("answer longer than " + MAX_LENGTH + " characters"));
        }
        String ng = "";
        String np = "";
        try {
            ng = LatexNormalizer.normalize(g);
            np = LatexNormalizer.normalize(p);
            if (extracted.isPresent()) {
                np = statedValue(ng, np);
            }
            return decide(givenGold, given, ng, np);
        } catch (RuntimeException | StackOverflowError e) {
            return unread(givenGold, given, ng, np, new Verdict.Unparseable("internal error: " + e));
        }
    }

    /**
     * For an answer taken from free text: a chain of equalities ({@code xy = 6}, {@code 2^3 = 8},
     * {@code \mathbf{M} = \begin{pmatrix}...}) states its last member, unless the gold is itself
     * a relation ({@code x = 2}, {@code y \le 7}), which is then compared whole.
     */
    static String statedValue(String ng, String np) {
        if (relationAtTop(ng) != 0 || relationAtTop(np) != 1) {
            return np;
        }
        int depth = 0;
        for (int i = np.length() - 1; i >= 0; i--) {
            char c = np.charAt(i);
            if (c == '}' || c == ')' || c == ']') {
                depth++;
            } else if (c == '{' || c == '(' || c == '[') {
                depth--;
            } else if (c == '=' && depth == 0) {
                String last = np.substring(i + 1).strip();
                return last.isEmpty() ? np : last;
            }
        }
        return np;
    }

    /** 0: no relation outside brackets; 1: only equalities; 2: some other relation (an inequality, a set builder). */
    private static int relationAtTop(String s) {
        int depth = 0;
        int found = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            } else if (depth == 0) {
                if (c == '<' || c == '>' || c == '|' || c == ',') {
                    return 2;
                }
                if (c == '\\' && (s.startsWith("\\le", i) || s.startsWith("\\ge", i) || s.startsWith("\\ne", i)
                        || s.startsWith("\\approx", i) || s.startsWith("\\in", i))) {
                    return 2;
                }
                if (c == '=') {
                    found = 1;
                }
            }
        }
        return found;
    }

    private Explanation decide(String g, String p, String ng, String np) {
        if (ng.equals(np) && !ng.isEmpty()) {
            return new Explanation(g, p, ng, np, ng, np, DecidingRule.IDENTICAL,
                    new Verdict.Correct(reason(DecidingRule.IDENTICAL, "'" + ng + "'", ng, np)));
        }
        Answer goldAnswer;
        try {
            goldAnswer = AnswerParser.parse(ng, null);
        } catch (AnswerParseException e) {
            boolean same = !LatexNormalizer.textKey(ng).isEmpty()
                    && LatexNormalizer.textKey(ng).equals(LatexNormalizer.textKey(np));
            Verdict v = same
                    ? new Verdict.Correct(reason(DecidingRule.TEXT, "gold not readable as mathematics, same text", ng, np))
                    : new Verdict.Unparseable(reason(DecidingRule.NONE, "gold answer not readable: " + e.getMessage(), ng, np));
            return new Explanation(g, p, ng, np, "", "", same ? DecidingRule.TEXT : DecidingRule.NONE, v);
        }
        String note = "";
        if (goldAnswer instanceof Answer.Scalar && np.indexOf(',') > 0 && DECIMAL_COMMA.matcher(np).matches()
                && !SPACED_COMMA.matcher(p).find()) {
            np = np.replace(',', '.'); // "2,5" against a single number: a decimal comma
            note = "decimal comma read as a point; ";
        }
        Answer predAnswer;
        try {
            predAnswer = AnswerParser.parse(np, goldAnswer);
        } catch (AnswerParseException e) {
            Verdict v = new Verdict.Unparseable(reason(DecidingRule.NONE, "predicted answer not readable: " + e.getMessage(), ng, np));
            return new Explanation(g, p, ng, np, goldAnswer.show(), "", DecidingRule.NONE, v);
        }
        if ((Notation.mayMentionI(ng) || Notation.mayMentionI(np)) && Notation.iIsIndex(goldAnswer, predAnswer)) {
            goldAnswer = Notation.iAsVariable(goldAnswer);
            predAnswer = Notation.iAsVariable(predAnswer);
            note += "i read as an index, not the imaginary unit; ";
        }
        CasSession cas = new CasSession(algebra, workers, options.timeout());
        AnswerComparison comparison = new AnswerComparison(cas, options.orderedLists(), options.roundedPredictions(), np);
        boolean bareLog = (ng.contains("\\log") || np.contains("\\log"))
                && (Notation.hasBareLog(goldAnswer) || Notation.hasBareLog(predAnswer));
        Comparison c = bareLog
                ? bothLogReadings(comparison, goldAnswer, predAnswer)
                : comparison.compare(goldAnswer, predAnswer);
        String why = reason(c.rule(), note + c.detail(), ng, np);
        Verdict v = switch (c.outcome()) {
            case EQUAL -> new Verdict.Correct(why);
            case DIFFERENT -> new Verdict.Wrong(why);
            case TIMED_OUT -> new Verdict.TimedOut(why);
            case UNDECIDED -> new Verdict.Unparseable(why);
            case FAILED -> new Verdict.Unparseable(why);
        };
        return new Explanation(g, p, ng, np, goldAnswer.show(), predAnswer.show(), c.rule(), v);
    }

    /**
     * A {@code \log} without a base, read as the natural logarithm and then as base 10, the same on
     * both sides: equal when one reading is; otherwise the first open result, else different.
     */
    private static Comparison bothLogReadings(AnswerComparison comparison, Answer gold, Answer pred) {
        Comparison natural = comparison.compare(Notation.bareLogAs(gold, true), Notation.bareLogAs(pred, true));
        if (natural.isEqual()) {
            return natural.withDetail("log read as ln: ");
        }
        Comparison decimal = comparison.compare(Notation.bareLogAs(gold, false), Notation.bareLogAs(pred, false));
        if (decimal.isEqual()) {
            return decimal.withDetail("log read as log_10: ");
        }
        if (natural.isOpen() || decimal.isOpen()) {
            Comparison open = !natural.isOpen() ? decimal : !decimal.isOpen() ? natural : Comparison.worse(natural, decimal);
            return open.withDetail("log read as ln or as log_10: ");
        }
        return natural.withDetail("log read as ln (and as log_10): ");
    }

    private static Explanation unread(String g, String p, String ng, String np, Verdict v) {
        return new Explanation(g, p, ng, np, "", "", DecidingRule.NONE, v);
    }

    private static String reason(DecidingRule rule, String detail, String ng, String np) {
        return rule.label() + ": " + detail + " [gold '" + ng + "', predicted '" + np + "']";
    }

    /** Stops the Symja worker threads; checking after closing throws {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        workers.close();
    }

    /** Workers still busy with a timed-out query (diagnostics). */
    int stuckWorkers() {
        return workers.stuckWorkers();
    }
}
