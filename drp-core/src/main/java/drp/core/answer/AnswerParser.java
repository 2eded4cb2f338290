package drp.core.answer;

import drp.core.answer.Answer.Relation.Op;
import drp.core.answer.LatexToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the structure of a normalized answer, outermost first: union ({@code \cup}, "or"), bare
 * comma list, then per item: {@code \pm}, matrix, braced set, bracketed tuple or interval,
 * relation, percentage, single value. The gold answer is parsed without a hint; the predicted one
 * with the gold's structure as a hint, so that a lone {@code B} is a choice letter when the gold
 * answer is one and a variable otherwise.
 */
final class AnswerParser {

    private static final Pattern STRICT_CHOICE = Pattern.compile("^\\(([A-Z])\\)$|^([A-E])$");
    private static final Pattern LOOSE_CHOICE = Pattern.compile("^\\(?\\s*([A-Za-z])\\s*\\)?(?:[\\s.:,)].*)?$");
    private static final Pattern BASED_NUMERAL = Pattern.compile("^(-?[0-9A-Fa-f]+(?:\\.[0-9A-Fa-f]+)?)_\\{?(\\d+)}?$");
    /** {@code 3:1}, {@code 4:30 p.m.}: ratios and times are compared as written. */
    private static final Pattern RATIO_OR_TIME = Pattern.compile("^[^:()\\[\\]{}]*\\d\\s*:\\s*\\d[^:]*(?::[^:]*)?$");
    private static final Pattern WORDS = Pattern.compile("^[A-Za-z][A-Za-z '.-]*$");
    private static final Pattern LONG_WORD = Pattern.compile("[A-Za-z]{3,}|\\s");
    private static final Map<String, Op> RELATIONS = Map.of("=", Op.EQ, "<", Op.LT, ">", Op.GT, "\\le", Op.LE,
            "\\ge", Op.GE, "\\ne", Op.NE, "\\approx", Op.APPROX);

    private AnswerParser() {}

    /** The answer's structure; {@code hint} is the gold answer's, or null when parsing the gold. */
    static Answer parse(String normalized, Answer hint) throws AnswerParseException {
        String s = normalized.strip();
        if (s.isEmpty()) {
            throw new AnswerParseException("empty answer");
        }
        if (hint instanceof Answer.Choice) {
            Matcher m = LOOSE_CHOICE.matcher(s);
            if (m.matches()) {
                return new Answer.Choice(Character.toUpperCase(m.group(1).charAt(0)));
            }
        } else {
            Matcher m = STRICT_CHOICE.matcher(s);
            if (m.matches() && !(hint instanceof Answer.Text)) {
                return new Answer.Choice((m.group(1) != null ? m.group(1) : m.group(2)).charAt(0));
            }
        }
        Matcher based = BASED_NUMERAL.matcher(s);
        if (based.matches()) {
            return new Answer.Text(based.group(1).toUpperCase() + "_" + Integer.parseInt(based.group(2)));
        }
        if (RATIO_OR_TIME.matcher(s).matches()) {
            return new Answer.Text(s);
        }
        if (WORDS.matcher(s).matches() && (hint instanceof Answer.Text || LONG_WORD.matcher(s).find())) {
            return new Answer.Text(s);
        }
        if (s.contains("\\dots")) {
            throw new AnswerParseException("an ellipsis is not a finite answer");
        }
        List<LatexToken> tokens = LatexToken.split(s);
        while (!tokens.isEmpty() && (tokens.getFirst().isSymbol('=') || tokens.getFirst().is("\\approx"))) {
            tokens = tokens.subList(1, tokens.size()); // "= 5", "\approx 2.5": the value after the sign
        }
        if (tokens.isEmpty()) {
            throw new AnswerParseException("no value after the relation sign");
        }
        while (tokens.size() >= 2 && tokens.getFirst().isSymbol('{') && closingIndex(tokens, 0) == tokens.size() - 1) {
            tokens = tokens.subList(1, tokens.size() - 1); // a TeX group around everything is invisible
        }
        List<List<LatexToken>> pieces = splitTopLevel(tokens, t -> t.is("\\cup") || t.is("\\lor"));
        if (pieces.size() > 1) {
            List<Answer> parts = new ArrayList<>();
            for (List<LatexToken> piece : pieces) {
                parts.add(item(piece));
            }
            return new Answer.Union(parts);
        }
        List<List<LatexToken>> items = splitTopLevel(tokens, t -> t.isSymbol(',') || t.isSymbol(';'));
        if (items.size() > 1) {
            List<Answer> parsed = new ArrayList<>();
            for (List<LatexToken> item : items) {
                addItem(parsed, item);
            }
            return new Answer.Listing(parsed);
        }
        return item(tokens);
    }

    private static Answer item(List<LatexToken> tokens) throws AnswerParseException {
        if (tokens.isEmpty()) {
            throw new AnswerParseException("empty item in a list");
        }
        LatexToken first = tokens.getFirst();
        LatexToken last = tokens.getLast();
        if ((first.isSymbol('[') || first.isSymbol('(')) && tokens.size() > 2 && tokens.get(1).is("\\begin")
                && closingIndex(tokens, 0) == tokens.size() - 1) {
            return item(tokens.subList(1, tokens.size() - 1)); // brackets around a matrix environment
        }
        if (tokens.size() == 1 && first.is("\\emptyset")) {
            return new Answer.SetOf(List.of());
        }
        if (first.is("\\begin")) {
            return matrix(tokens);
        }
        if (first.is("\\{") && last.is("\\}") && closingIndex(tokens, 0) == tokens.size() - 1) {
            List<LatexToken> inner = tokens.subList(1, tokens.size() - 1);
            List<Answer> elements = new ArrayList<>();
            if (!inner.isEmpty()) {
                for (List<LatexToken> e : splitTopLevel(inner, t -> t.isSymbol(','))) {
                    addItem(elements, e);
                }
            }
            return new Answer.SetOf(elements);
        }
        if ((first.isSymbol('(') || first.isSymbol('[')) && (last.isSymbol(')') || last.isSymbol(']'))
                && closingIndex(tokens, 0) == tokens.size() - 1) {
            List<LatexToken> inner = tokens.subList(1, tokens.size() - 1);
            List<List<LatexToken>> elements = splitTopLevel(inner, t -> t.isSymbol(','));
            if (elements.size() > 1) {
                return bracketed(first.isSymbol('['), last.isSymbol(']'), elements);
            }
        }
        if (tokens.stream().anyMatch(t -> t.is("\\pm") || t.is("\\mp"))) {
            return new Answer.SetOf(plusMinus(tokens));
        }
        List<Integer> relationAt = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            LatexToken t = tokens.get(i);
            depth += opens(t) ? 1 : closes(t) ? -1 : 0;
            if (depth == 0 && RELATIONS.containsKey(t.text())) {
                relationAt.add(i);
            }
        }
        if (!relationAt.isEmpty()) {
            List<LatexToken> lastSide = tokens.subList(relationAt.getLast() + 1, tokens.size());
            boolean equations = relationAt.stream().allMatch(i -> tokens.get(i).is("="));
            if (equations && !lastSide.isEmpty() && structured(lastSide)) {
                // "(p,q,r) = (6,31,-1)": the named value is the answer
                return item(lastSide);
            }
            return relation(tokens, relationAt);
        }
        if (last.is("\\%")) {
            return new Answer.Scalar(ExpressionParser.parse(tokens.subList(0, tokens.size() - 1)), true);
        }
        return new Answer.Scalar(ExpressionParser.parse(tokens), false);
    }

    /**
     * {@code 1 \pm \sqrt{2}} is both values: every {@code \pm} read as + and then as - ({@code \mp}
     * the other way), as in the quadratic formula.
     */
    private static List<Answer> plusMinus(List<LatexToken> tokens) throws AnswerParseException {
        List<LatexToken> plus = new ArrayList<>(tokens);
        List<LatexToken> minus = new ArrayList<>(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            boolean pm = tokens.get(i).is("\\pm");
            if (pm || tokens.get(i).is("\\mp")) {
                plus.set(i, new LatexToken(Kind.SYMBOL, pm ? "+" : "-"));
                minus.set(i, new LatexToken(Kind.SYMBOL, pm ? "-" : "+"));
            }
        }
        return List.of(item(plus), item(minus));
    }

    /** Adds a list element; an element with {@code \pm} adds both of its values. */
    private static void addItem(List<Answer> into, List<LatexToken> tokens) throws AnswerParseException {
        Answer a = item(tokens);
        boolean plusMinus = tokens.stream().anyMatch(t -> t.is("\\pm") || t.is("\\mp"));
        if (plusMinus && a instanceof Answer.SetOf both) {
            into.addAll(both.items());
        } else {
            into.add(a);
        }
    }

    private static Answer bracketed(boolean loClosed, boolean hiClosed, List<List<LatexToken>> elements)
            throws AnswerParseException {
        boolean parentheses = !loClosed && !hiClosed;
        if (elements.size() == 2 && !parentheses) {
            return new Answer.Interval(ExpressionParser.parse(elements.get(0)), ExpressionParser.parse(elements.get(1)),
                    loClosed, hiClosed);
        }
        if (elements.size() == 2 && (hasInfinity(elements.get(0)) || hasInfinity(elements.get(1)))) {
            return new Answer.Interval(ExpressionParser.parse(elements.get(0)), ExpressionParser.parse(elements.get(1)),
                    false, false);
        }
        List<Answer> items = new ArrayList<>();
        for (List<LatexToken> e : elements) {
            items.add(item(e));
        }
        return new Answer.Tuple(items);
    }

    /** {@code f(x)}, {@code p(2)}: a letter applied to arguments. */
    private static boolean functionName(List<LatexToken> side) {
        return side.size() >= 3 && side.get(0).kind() == Kind.LETTER && side.get(1).isSymbol('(')
                && closingIndex(side, 1) == side.size() - 1;
    }

    private static String join(List<LatexToken> tokens) {
        StringBuilder b = new StringBuilder();
        tokens.forEach(t -> b.append(t.text()));
        return b.toString();
    }

    /** Starts like a tuple, interval, set or matrix. */
    private static boolean structured(List<LatexToken> tokens) {
        LatexToken first = tokens.getFirst();
        return first.isSymbol('(') && indexTopLevel(tokens.subList(1, tokens.size()), t -> t.isSymbol(',')) >= 0
                && closingIndex(tokens, 0) == tokens.size() - 1
                || first.isSymbol('[') || first.is("\\{") || first.is("\\begin") || first.is("\\emptyset");
    }

    private static boolean hasInfinity(List<LatexToken> tokens) {
        return tokens.stream().anyMatch(t -> t.is("\\infty"));
    }

    private static Answer relation(List<LatexToken> tokens, List<Integer> at) throws AnswerParseException {
        List<MathExpr> sides = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        int from = 0;
        for (int i : at) {
            List<LatexToken> side = tokens.subList(from, i);
            boolean named = from == 0 && at.size() == 1 && tokens.get(i).is("=") && functionName(side);
            // "p(x) = x^2 + 1" names the value, like "y = x^2 + 1"
            sides.add(named ? new MathExpr.Sym(join(side)) : ExpressionParser.parse(side));
            ops.add(RELATIONS.get(tokens.get(i).text()));
            from = i + 1;
        }
        sides.add(ExpressionParser.parse(tokens.subList(from, tokens.size())));
        return new Answer.Relation(sides, ops);
    }

    /** {@code \begin{pmatrix} a & b \\ c & d \end{pmatrix}}, also bmatrix, matrix, array. */
    private static Answer matrix(List<LatexToken> tokens) throws AnswerParseException {
        int i = 1;
        StringBuilder env = new StringBuilder();
        if (i >= tokens.size() || !tokens.get(i).isSymbol('{')) {
            throw new AnswerParseException("\\begin without an environment name");
        }
        for (i = 2; i < tokens.size() && !tokens.get(i).isSymbol('}'); i++) {
            env.append(tokens.get(i).text());
        }
        String name = env.toString();
        if (!name.endsWith("matrix") && !name.equals("array")) {
            throw new AnswerParseException("unsupported environment " + name);
        }
        i++;
        if (name.equals("array") && i < tokens.size() && tokens.get(i).isSymbol('{')) {
            i = closingIndex(tokens, i) + 1; // the column specification
        }
        int end = -1;
        for (int k = tokens.size() - 1; k >= i; k--) {
            if (tokens.get(k).is("\\end")) {
                end = k;
                break;
            }
        }
        if (end < 0) {
            throw new AnswerParseException("\\begin{" + name + "} without \\end");
        }
        List<LatexToken> body = tokens.subList(i, end);
        List<List<MathExpr>> rows = new ArrayList<>();
        for (List<LatexToken> row : splitTopLevel(body, t -> t.is("\\\\"))) {
            if (row.isEmpty()) {
                continue;
            }
            List<MathExpr> cells = new ArrayList<>();
            for (List<LatexToken> cell : splitTopLevel(row, t -> t.isSymbol('&'))) {
                cells.add(ExpressionParser.parse(cell));
            }
            rows.add(cells);
        }
        if (rows.isEmpty() || rows.stream().anyMatch(r -> r.size() != rows.getFirst().size())) {
            throw new AnswerParseException("matrix rows differ in length");
        }
        return new Answer.Matrix(rows);
    }

    private static boolean opens(LatexToken t) {
        return t.isSymbol('(') || t.isSymbol('[') || t.isSymbol('{') || t.is("\\{") || t.is("\\begin")
                || t.is("\\lfloor") || t.is("\\lceil");
    }

    private static boolean closes(LatexToken t) {
        return t.isSymbol(')') || t.isSymbol(']') || t.isSymbol('}') || t.is("\\}") || t.is("\\end")
                || t.is("\\rfloor") || t.is("\\rceil");
    }

    /** Splits at tokens that {@code at} accepts, outside any bracket. */
    static List<List<LatexToken>> splitTopLevel(List<LatexToken> tokens, java.util.function.Predicate<LatexToken> at) {
        List<List<LatexToken>> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < tokens.size(); i++) {
            LatexToken t = tokens.get(i);
            if (opens(t)) {
                depth++;
            } else if (closes(t)) {
                depth--;
            } else if (depth == 0 && at.test(t)) {
                out.add(tokens.subList(from, i));
                from = i + 1;
            }
        }
        out.add(tokens.subList(from, tokens.size()));
        return out;
    }

    private static int indexTopLevel(List<LatexToken> tokens, java.util.function.Predicate<LatexToken> at) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            LatexToken t = tokens.get(i);
            if (opens(t)) {
                depth++;
            } else if (closes(t)) {
                depth--;
            } else if (depth == 0 && at.test(t)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the bracket closing the one at {@code open}; (, [ and { close with any of ), ], }. */
    private static int closingIndex(List<LatexToken> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (opens(tokens.get(i))) {
                depth++;
            } else if (closes(tokens.get(i)) && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
