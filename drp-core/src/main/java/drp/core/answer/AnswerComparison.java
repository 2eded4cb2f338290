package drp.core.answer;

import drp.core.answer.Answer.Relation.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Compares two answer structures; the gold answer's structure leads. A tuple needs the same
 * elements in the same order, a set the same elements in any order, an interval the same ends and
 * the same brackets, a matrix the same shape and entries; an equation is matched by its right side
 * ({@code x = 3} against {@code 3}) or, between two equations, by proportional sides; inequalities
 * in one variable are compared as the intervals they describe. Elements are compared recursively,
 * values by {@link ScalarComparison}.
 */
final class AnswerComparison {

    private static final java.util.regex.Pattern COUNT = java.util.regex.Pattern.compile(" of \\d+$");

    private final CasSession cas;
    private final boolean orderedLists;
    private final boolean roundedPredictions;
    private final String predictedText;

    /**
     * @param orderedLists compare bare comma lists in order (MATH's own checker) instead of as sets
     * @param roundedPredictions accept decimals rounded to their own digits ({@link EquivalenceOptions#roundedPredictions()})
     * @param predictedText the predicted answer normalized, for text comparison
     */
    AnswerComparison(CasSession cas, boolean orderedLists, boolean roundedPredictions, String predictedText) {
        this.cas = cas;
        this.orderedLists = orderedLists;
        this.roundedPredictions = roundedPredictions;
        this.predictedText = predictedText;
    }

    Comparison compare(Answer gold, Answer pred) {
        return switch (gold) {
            case Answer.Choice c -> choice(c, pred);
            case Answer.Text t -> text(t, pred);
            case Answer.Scalar s -> scalar(s, pred);
            case Answer.Relation r -> relation(r, pred);
            case Answer.Tuple t -> ordered(t, t.items(), pred);
            case Answer.SetOf s -> unordered(s, s.items(), pred);
            case Answer.Listing l -> orderedLists ? ordered(l, l.items(), pred) : unordered(l, l.items(), pred);
            case Answer.Interval i -> intervals(List.of(i), pred);
            case Answer.Union u -> intervals(u.parts(), pred);
            case Answer.Matrix m -> matrix(m, pred);
        };
    }

    private static Comparison shapes(Answer gold, Answer pred) {
        return Comparison.different(DecidingRule.STRUCTURE, "gold is a " + gold.kind() + ", prediction is a " + pred.kind());
    }

    private Comparison choice(Answer.Choice gold, Answer pred) {
        if (pred instanceof Answer.Choice c) {
            String detail = gold.show() + " vs " + c.show();
            return gold.letter() == c.letter() ? Comparison.equal(DecidingRule.CHOICE, detail)
                    : Comparison.different(DecidingRule.CHOICE, detail);
        }
        return shapes(gold, pred);
    }

    private Comparison text(Answer.Text gold, Answer pred) {
        String predicted = pred instanceof Answer.Text t ? t.text() : predictedText;
        String g = LatexNormalizer.textKey(gold.text());
        String p = LatexNormalizer.textKey(predicted);
        String detail = "'" + g + "' vs '" + p + "'";
        return !g.isEmpty() && g.equals(p) ? Comparison.equal(DecidingRule.TEXT, detail)
                : Comparison.different(DecidingRule.TEXT, detail);
    }

    private Comparison scalar(Answer.Scalar gold, Answer pred) {
        return switch (pred) {
            case Answer.Scalar p -> percentAware(gold, p);
            case Answer.Relation r when r.ops().stream().allMatch(o -> o == Op.EQ || o == Op.APPROX) ->
                    compare(gold, new Answer.Scalar(valueSide(r), false)).withDetail("value of " + r.show() + ": ");
            case Answer.Listing l when l.items().size() == 1 -> compare(gold, l.items().getFirst());
            case Answer.SetOf s when s.items().size() == 1 -> compare(gold, s.items().getFirst());
            default -> shapes(gold, pred);
        };
    }

    /** {@code 28\%} matches {@code 28} and {@code 0.28}; {@code 28} matches {@code 28\%}. */
    private Comparison percentAware(Answer.Scalar gold, Answer.Scalar pred) {
        Comparison plain = ScalarComparison.compare(gold.expr(), pred.expr(), cas, roundedPredictions);
        if (gold.percent() == pred.percent() || !plain.isDifferent()) {
            return plain;
        }
        MathExpr hundred = new MathExpr.Num(Rational.HUNDRED, false);
        Comparison scaled = gold.percent()
                ? ScalarComparison.compare(new MathExpr.Div(gold.expr(), hundred), pred.expr(), cas, roundedPredictions)
                : ScalarComparison.compare(gold.expr(), new MathExpr.Div(pred.expr(), hundred), cas, roundedPredictions);
        return scaled.isEqual() ? scaled.withDetail("as a percentage: ") : plain;
    }

    private Comparison relation(Answer.Relation gold, Answer pred) {
        boolean equation = gold.ops().stream().allMatch(o -> o == Op.EQ || o == Op.APPROX);
        boolean constants = gold.sides().stream().allMatch(MathExpr::isConstant);
        if (equation && (gold.sides().getFirst() instanceof MathExpr.Sym || constants)) {
            // "x = 3", "0.56 = 56\%": the value is what counts
            Answer.Scalar value = new Answer.Scalar(valueSide(gold), false);
            if (pred instanceof Answer.Relation r && !(r.sides().getFirst() instanceof MathExpr.Sym) && r.sides().size() == 2) {
                return equations(gold, r);
            }
            if (pred instanceof Answer.Relation r && gold.sides().getFirst() instanceof MathExpr.Sym gs
                    && r.sides().getFirst() instanceof MathExpr.Sym ps && !gs.name().equals(ps.name())
                    && r.ops().stream().allMatch(o -> o == Op.EQ || o == Op.APPROX)) {
                // "x = 1" against "y = 1": in a system (x = 1, y = 2) the names carry the answer
                return Comparison.different(DecidingRule.STRUCTURE, "values of different variables: " + gold.show() + " vs " + r.show());
            }
            return compare(value, pred).withDetail("value of " + gold.show() + ": ");
        }
        if (!equation) {
            List<Answer.Interval> g = RelationIntervals.of(gold);
            List<Answer.Interval> q = g == null ? null : RelationIntervals.pieces(pred);
            if (q != null) {
                return intervalLists(g, q);
            }
        }
        if (!(pred instanceof Answer.Relation p)) {
            return shapes(gold, pred);
        }
        if (equation) {
            return gold.sides().size() == 2 && p.sides().size() == 2 ? equations(gold, p) : chains(gold, p);
        }
        if (gold.sides().size() == 2 && p.sides().size() == 2) {
            return inequalities(gold, p);
        }
        return chains(gold, p);
    }

    /**
     * The value an equation states: the side after its last {@code =}, so that in
     * {@code x = 5+5+1 = 11} it is 11 and in {@code x = 1/3 \approx 0.33} it is 1/3; with only
     * {@code \approx}, the last side.
     */
    private static MathExpr valueSide(Answer.Relation r) {
        int lastEq = r.ops().lastIndexOf(Op.EQ);
        return lastEq < 0 ? r.sides().getLast() : r.sides().get(lastEq + 1);
    }

    /** Two equations are the same when one side difference is a non-zero constant times the other. */
    private Comparison equations(Answer.Relation gold, Answer.Relation pred) {
        MathExpr g = difference(gold.sides().get(0), gold.sides().get(1));
        MathExpr p = difference(pred.sides().getFirst(), pred.sides().getLast());
        Comparison same = ScalarComparison.compare(g, p, cas, roundedPredictions);
        if (same.isEqual()) {
            return same;
        }
        Comparison varies = ScalarComparison.ratioVaries(g, p);
        if (varies != null) {
            return varies;
        }
        // a pure function rather than Module: no fresh symbols pile up in Symja's global table
        String query = "(NumericQ[#]&&#!=0)&[Together[(" + InfixForm.symja(g) + ")/(" + InfixForm.symja(p) + ")]]";
        String shown = "(" + g.show() + ")/(" + p.show() + ") is a non-zero constant";
        Comparison ratio = cas.decide(query, shown);
        return ratio.isOpen() && same.isDifferent() ? same : ratio;
    }

    /** {@code a < b} against {@code c < d}, {@code d > c} or {@code -c > -d}: the same sign of a difference. */
    private Comparison inequalities(Answer.Relation gold, Answer.Relation pred) {
        Op go = gold.ops().getFirst();
        Op po = pred.ops().getFirst();
        MathExpr g = oriented(gold);
        MathExpr p = oriented(pred);
        if (strict(go) != strict(po) || (go == Op.NE) != (po == Op.NE) || po == Op.EQ || po == Op.APPROX) {
            // s^2 <= 8r^2 is not s^2 = 8r^2, though their sides are the same
            return Comparison.different(DecidingRule.STRUCTURE, gold.show() + " vs " + pred.show());
        }
        Comparison same = ScalarComparison.compare(g, p, cas, roundedPredictions);
        if (same.isEqual()) {
            return same;
        }
        Comparison varies = ScalarComparison.ratioVaries(g, p);
        if (varies != null) {
            return varies;
        }
        String sign = go == Op.NE ? "#!=0" : "#>0";
        String query = "(NumericQ[#]&&" + sign + ")&[Together[(" + InfixForm.symja(g) + ")/(" + InfixForm.symja(p) + ")]]";
        return cas.decide(query, "(" + g.show() + ")/(" + p.show() + ") is a positive constant");
    }

    /** The side difference oriented so that the relation reads {@code difference < 0} (or {@code <=}, {@code !=}). */
    private static MathExpr oriented(Answer.Relation r) {
        Op op = r.ops().getFirst();
        MathExpr a = r.sides().get(0);
        MathExpr b = r.sides().get(1);
        return op == Op.GT || op == Op.GE ? difference(b, a) : difference(a, b);
    }

    private static boolean strict(Op op) {
        return op == Op.LT || op == Op.GT;
    }

    private static MathExpr difference(MathExpr a, MathExpr b) {
        return new MathExpr.Add(List.of(a, new MathExpr.Neg(b)));
    }

    /** Chains such as {@code f(2) < f(1) < f(4)}: same operators, same sides, possibly read backwards. */
    private Comparison chains(Answer.Relation gold, Answer.Relation pred) {
        if (gold.ops().size() != pred.ops().size()) {
            return shapes(gold, pred);
        }
        if (gold.ops().equals(pred.ops())) {
            return sidesInOrder(gold.sides(), pred.sides(), gold.show());
        }
        List<Op> flipped = pred.ops().reversed().stream().map(Op::flipped).toList();
        if (gold.ops().equals(flipped)) {
            return sidesInOrder(gold.sides(), pred.sides().reversed(), gold.show());
        }
        return Comparison.different(DecidingRule.STRUCTURE, "operators differ: " + gold.show() + " vs " + pred.show());
    }

    private Comparison sidesInOrder(List<MathExpr> gold, List<MathExpr> pred, String what) {
        List<Supplier<Comparison>> checks = new ArrayList<>();
        for (int i = 0; i < gold.size(); i++) {
            MathExpr g = gold.get(i);
            MathExpr p = pred.get(i);
            checks.add(() -> ScalarComparison.compare(g, p, cas, roundedPredictions));
        }
        return all(what, checks);
    }

    private Comparison ordered(Answer whole, List<Answer> gold, Answer pred) {
        String what = COUNT.matcher(whole.kind()).replaceFirst("");
        List<Answer> items = elements(pred, gold.size());
        if (items == null) {
            return shapes(whole, pred);
        }
        if (items.size() != gold.size()) {
            return Comparison.different(DecidingRule.STRUCTURE, what + " of " + gold.size() + " vs " + items.size() + " elements");
        }
        List<Supplier<Comparison>> checks = new ArrayList<>();
        for (int i = 0; i < gold.size(); i++) {
            Answer g = gold.get(i);
            Answer p = items.get(i);
            checks.add(() -> compare(g, p));
        }
        return all(what + " of " + gold.size(), checks);
    }

    /** Matches every gold element with a distinct equal predicted element. */
    private Comparison unordered(Answer whole, List<Answer> gold, Answer pred) {
        String what = COUNT.matcher(whole.kind()).replaceFirst("");
        List<Answer> items = elements(pred, gold.size());
        if (items == null) {
            return shapes(whole, pred);
        }
        if (items.size() != gold.size()) {
            return Comparison.different(DecidingRule.STRUCTURE, what + " of " + gold.size() + " vs " + items.size() + " elements");
        }
        boolean[] used = new boolean[items.size()];
        DecidingRule strongest = DecidingRule.IDENTICAL;
        for (int i = 0; i < gold.size(); i++) {
            Comparison open = null;
            boolean matched = false;
            for (int j = 0; j < items.size() && !matched; j++) {
                if (used[j]) {
                    continue;
                }
                Comparison c = compare(gold.get(i), items.get(j));
                if (c.isEqual()) {
                    used[j] = true;
                    matched = true;
                    strongest = stronger(strongest, c.rule());
                } else if (c.isOpen()) {
                    open = Comparison.worse(open, c);
                }
            }
            if (!matched) {
                if (open != null) {
                    return open.withDetail(what + " element " + gold.get(i).show() + ": ");
                }
                return Comparison.different(DecidingRule.STRUCTURE,
                        what + ": no predicted element equals " + gold.get(i).show());
            }
        }
        return Comparison.equal(strongest, what + " of " + gold.size() + ", matched in any order");
    }

    /**
     * The elements of a predicted tuple, set or list; a single value counts as one element; a
     * column or row vector counts as a tuple; null when the shape cannot be a collection.
     */
    private static List<Answer> elements(Answer pred, int expected) {
        return switch (pred) {
            case Answer.Tuple t -> t.items();
            case Answer.SetOf s -> s.items();
            case Answer.Listing l -> l.items();
            case Answer.Union u when u.parts().stream().allMatch(p -> p instanceof Answer.Scalar) -> u.parts(); // "5 or 6"
            case Answer.Matrix m when m.rows().size() == 1 ->
                    m.rows().getFirst().stream().map(e -> (Answer) new Answer.Scalar(e, false)).toList();
            case Answer.Matrix m when m.rows().stream().allMatch(r -> r.size() == 1) ->
                    m.rows().stream().map(r -> (Answer) new Answer.Scalar(r.getFirst(), false)).toList();
            case Answer.Interval i when expected == 2 && !i.loClosed() && !i.hiClosed() ->
                    List.of(new Answer.Scalar(i.lo(), false), new Answer.Scalar(i.hi(), false));
            case Answer.Scalar s -> List.of(s);
            case Answer.Relation r -> List.of(r);
            case Answer.Text t -> List.of(t);
            default -> null;
        };
    }

    private Comparison intervals(List<Answer> goldParts, Answer pred) {
        List<Answer.Interval> g = RelationIntervals.pieces(goldParts);
        List<Answer.Interval> p = RelationIntervals.pieces(pred);
        if (g == null) {
            return unordered(new Answer.Union(goldParts), goldParts, pred instanceof Answer.Union u ? new Answer.SetOf(u.parts()) : pred);
        }
        if (p == null) {
            return shapes(goldParts.size() == 1 ? goldParts.getFirst() : new Answer.Union(goldParts), pred);
        }
        return intervalLists(g, p);
    }

    private Comparison intervalLists(List<Answer.Interval> gold, List<Answer.Interval> pred) {
        if (gold.size() != pred.size()) {
            return Comparison.different(DecidingRule.STRUCTURE, gold.size() + " vs " + pred.size() + " intervals");
        }
        List<Answer> g = new ArrayList<>(gold);
        List<Answer> p = new ArrayList<>(pred);
        if (g.size() == 1) {
            return interval(gold.getFirst(), pred.getFirst());
        }
        return unorderedIntervals(g, p); // a union is a set of intervals
    }

    private Comparison unorderedIntervals(List<Answer> gold, List<Answer> pred) {
        boolean[] used = new boolean[pred.size()];
        DecidingRule strongest = DecidingRule.IDENTICAL;
        for (Answer ga : gold) {
            Answer.Interval g = (Answer.Interval) ga;
            Comparison open = null;
            boolean matched = false;
            for (int j = 0; j < pred.size() && !matched; j++) {
                if (!used[j]) {
                    Comparison c = interval(g, (Answer.Interval) pred.get(j));
                    if (c.isEqual()) {
                        used[j] = true;
                        matched = true;
                        strongest = stronger(strongest, c.rule());
                    } else if (c.isOpen()) {
                        open = Comparison.worse(open, c);
                    }
                }
            }
            if (!matched) {
                return open != null ? open : Comparison.different(DecidingRule.STRUCTURE,
                        "no predicted interval equals " + g.show());
            }
        }
        return Comparison.equal(strongest, "union of " + gold.size() + " intervals, matched in any order");
    }

    private Comparison interval(Answer.Interval gold, Answer.Interval pred) {
        boolean loInfinite = gold.lo().hasInfinity();
        boolean hiInfinite = gold.hi().hasInfinity();
        if ((!loInfinite && gold.loClosed() != pred.loClosed()) || (!hiInfinite && gold.hiClosed() != pred.hiClosed())) {
            return Comparison.different(DecidingRule.STRUCTURE, "brackets differ: " + gold.show() + " vs " + pred.show());
        }
        return sidesInOrder(List.of(gold.lo(), gold.hi()), List.of(pred.lo(), pred.hi()), "interval " + gold.show());
    }

    private Comparison matrix(Answer.Matrix gold, Answer pred) {
        if (!(pred instanceof Answer.Matrix p)) {
            boolean vector = gold.rows().size() == 1 || gold.rows().stream().allMatch(r -> r.size() == 1);
            if (vector && (pred instanceof Answer.Tuple || pred instanceof Answer.Listing)) {
                List<Answer> items = gold.rows().stream().flatMap(List::stream)
                        .map(e -> (Answer) new Answer.Scalar(e, false)).toList();
                return ordered(gold, items, pred);
            }
            return shapes(gold, pred);
        }
        if (p.rows().size() != gold.rows().size() || p.rows().getFirst().size() != gold.rows().getFirst().size()) {
            return Comparison.different(DecidingRule.STRUCTURE, gold.kind() + " vs " + p.kind());
        }
        List<Supplier<Comparison>> checks = new ArrayList<>();
        for (int r = 0; r < gold.rows().size(); r++) {
            for (int c = 0; c < gold.rows().get(r).size(); c++) {
                MathExpr g = gold.rows().get(r).get(c);
                MathExpr q = p.rows().get(r).get(c);
                checks.add(() -> ScalarComparison.compare(g, q, cas, roundedPredictions));
            }
        }
        return all(gold.kind(), checks);
    }

    /** All checks equal; stops at the first difference; reports the worst open result otherwise. */
    private static Comparison all(String what, List<Supplier<Comparison>> checks) {
        DecidingRule strongest = DecidingRule.IDENTICAL;
        Comparison open = null;
        for (int i = 0; i < checks.size(); i++) {
            Comparison c = checks.get(i).get();
            if (c.isDifferent()) {
                return c.withDetail(what + ", element " + (i + 1) + ": ");
            }
            if (c.isOpen()) {
                open = Comparison.worse(open, c.withDetail(what + ", element " + (i + 1) + ": "));
            } else {
                strongest = stronger(strongest, c.rule());
            }
        }
        return open != null ? open : Comparison.equal(strongest, what + ": all " + checks.size() + " elements equal");
    }

    private static DecidingRule stronger(DecidingRule a, DecidingRule b) {
        return b.ordinal() > a.ordinal() && b != DecidingRule.STRUCTURE && b != DecidingRule.NONE ? b : a;
    }
}
