package drp.core.answer;

import drp.core.answer.Answer.Relation.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads inequalities in one variable as intervals ({@code -2 \le x \le 7} is {@code [-2, 7]},
 * {@code x > 3} is {@code (3, \infty)}, {@code x \ne 1} is {@code (-\infty, 1) \cup (1, \infty)}),
 * so that an answer in set-builder style can be compared with one in interval notation.
 */
final class RelationIntervals {

    private static final MathExpr INFINITY = new MathExpr.Const(MathExpr.Const.Kind.INFINITY);
    private static final MathExpr MINUS_INFINITY = new MathExpr.Neg(INFINITY);

    private RelationIntervals() {}

    /** The intervals an answer describes, or null when it is not an interval, union or inequality. */
    static List<Answer.Interval> pieces(Answer answer) {
        return switch (answer) {
            case Answer.Union u -> pieces(u.parts());
            default -> pieces(List.of(answer));
        };
    }

    static List<Answer.Interval> pieces(List<Answer> parts) {
        List<Answer.Interval> out = new ArrayList<>();
        for (Answer part : parts) {
            switch (part) {
                case Answer.Interval i -> out.add(i);
                case Answer.Tuple t when t.items().size() == 2
                        && t.items().get(0) instanceof Answer.Scalar lo && t.items().get(1) instanceof Answer.Scalar hi ->
                        out.add(new Answer.Interval(lo.expr(), hi.expr(), false, false));
                case Answer.Relation r -> {
                    List<Answer.Interval> read = of(r);
                    if (read == null) {
                        return null;
                    }
                    out.addAll(read);
                }
                default -> {
                    return null;
                }
            }
        }
        return out;
    }

    /** The intervals of a one-variable inequality, or null for any other relation. */
    static List<Answer.Interval> of(Answer.Relation r) {
        List<MathExpr> s = r.sides();
        List<Op> ops = r.ops();
        if (s.size() == 2) {
            Op op = ops.getFirst();
            if (s.get(0) instanceof MathExpr.Sym && s.get(1).isConstant()) {
                return bound(op, s.get(1));
            }
            if (s.get(1) instanceof MathExpr.Sym && s.get(0).isConstant()) {
                return bound(op.flipped(), s.get(0));
            }
            return null;
        }
        if (s.size() == 3 && s.get(1) instanceof MathExpr.Sym && s.get(0).isConstant() && s.get(2).isConstant()) {
            Op a = ops.get(0);
            Op b = ops.get(1);
            if (lower(a) && lower(b)) {
                return List.of(new Answer.Interval(s.get(0), s.get(2), a == Op.LE, b == Op.LE));
            }
            if (upper(a) && upper(b)) {
                return List.of(new Answer.Interval(s.get(2), s.get(0), b == Op.GE, a == Op.GE));
            }
        }
        return null;
    }

    private static boolean lower(Op op) {
        return op == Op.LT || op == Op.LE;
    }

    private static boolean upper(Op op) {
        return op == Op.GT || op == Op.GE;
    }

    /** The interval of {@code x op c}. */
    private static List<Answer.Interval> bound(Op op, MathExpr c) {
        return switch (op) {
            case LT -> List.of(new Answer.Interval(MINUS_INFINITY, c, false, false));
            case LE -> List.of(new Answer.Interval(MINUS_INFINITY, c, false, true));
            case GT -> List.of(new Answer.Interval(c, INFINITY, false, false));
            case GE -> List.of(new Answer.Interval(c, INFINITY, true, false));
            case NE -> List.of(new Answer.Interval(MINUS_INFINITY, c, false, false), new Answer.Interval(c, INFINITY, false, false));
            default -> null;
        };
    }
}
