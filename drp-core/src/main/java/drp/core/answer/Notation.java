package drp.core.answer;

import drp.core.answer.MathExpr.Fn;
import java.util.List;
import java.util.Set;

/**
 * Notations whose meaning depends on the pair of answers, settled after both are read and before
 * they are compared (docs/grading.md, "Policy choices"):
 * <ul>
 *   <li><b>{@code i}</b> is the imaginary unit, as in MATH answers, except where the pair uses it
 *       as an index: some answer has {@code i} beside an index letter ({@code j}, {@code k},
 *       {@code m}, {@code n}: {@code n - i + 1}, {@code i + j}) and neither answer is a complex
 *       number (an answer whose only letter is {@code i}: {@code 3+4i}, {@code i^2}). Then
 *       {@code i} is a variable on both sides, so {@code i^2 + n} is not {@code n - 1}.
 *   <li><b>{@code \log} without a base</b> means the natural logarithm to some (Python, Symja,
 *       Mathematica, most plain-text answers) and base 10 to others (Math-Verify's parser, school
 *       textbooks); MATH states the base in some problems (one says 10, another e) and leaves it
 *       open in the rest. A bare log is read both ways, the same way on both sides: the pair is
 *       equal when one reading makes it so ({@code \log 100} = 2, {@code \log 2} = {@code \ln 2}).
 * </ul>
 */
final class Notation {

    /** Letters that stand for integer indices beside {@code i}. */
    private static final Set<String> INDEX_LETTERS = Set.of("j", "k", "m", "n");

    private Notation() {}

    /** True when {@code i} is an index variable in this pair, not the imaginary unit. */
    static boolean iIsIndex(Answer gold, Answer pred) {
        return (indexContext(gold) || indexContext(pred)) && !complexNumber(gold) && !complexNumber(pred);
    }

    /** False when the normalized answer has no letter {@code i} outside control words: a cheap test before reading trees. */
    static boolean mayMentionI(String normalized) {
        int n = normalized.length();
        for (int k = 0; k < n; k++) {
            char c = normalized.charAt(k);
            if (c == '\\') {
                while (k + 1 < n && Character.isLetter(normalized.charAt(k + 1))) {
                    k++; // \pi, \sin, \infty: not the letter i
                }
            } else if (c == 'i') {
                return true;
            }
        }
        return false;
    }

    /** The answer with every imaginary unit read as the variable {@code i}. */
    static Answer iAsVariable(Answer a) {
        return a.rewrite(e -> isImaginaryUnit(e) ? new MathExpr.Sym("i") : e);
    }

    private static boolean isImaginaryUnit(MathExpr e) {
        return e instanceof MathExpr.Const c && c.kind() == MathExpr.Const.Kind.I;
    }

    private static boolean indexContext(Answer a) {
        return a.mentions(Notation::isImaginaryUnit)
                && a.mentions(e -> e instanceof MathExpr.Sym s && INDEX_LETTERS.contains(s.name()));
    }

    private static boolean complexNumber(Answer a) {
        return a.mentions(Notation::isImaginaryUnit) && !a.mentions(e -> e instanceof MathExpr.Sym);
    }

    /** True when a {@code \log} without a base occurs. */
    static boolean hasBareLog(Answer a) {
        return a.mentions(e -> e instanceof MathExpr.Call c && c.fn() == Fn.LOG_UNSPECIFIED);
    }

    /** The answer with every bare log read as the natural logarithm or as the logarithm to base 10. */
    static Answer bareLogAs(Answer a, boolean natural) {
        return a.rewrite(e -> {
            if (e instanceof MathExpr.Call c && c.fn() == Fn.LOG_UNSPECIFIED) {
                return natural ? new MathExpr.Call(Fn.LOG, c.args())
                        : new MathExpr.Call(Fn.LOG_BASE, List.of(new MathExpr.Num(Rational.of(10), false), c.args().getFirst()));
            }
            return e;
        });
    }
}
