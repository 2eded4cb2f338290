package drp.core.answer;

import drp.core.answer.LatexToken.Kind;
import drp.core.answer.MathExpr.Fn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one expression from normalized LaTeX tokens by recursive descent:
 * <pre>
 *   sum     := sign? product (('+' | '-') product)*
 *   product := power (('*' | '/')? power)*        implicit product: 2x, 3\sqrt{2}, (x-2)(x+2)
 *   power   := postfix ('^' exponent)?            x^2, x^{10}, \sin^2 x
 *   postfix := primary '!'*
 *   primary := number | letter ('_' sub)? | ( sum ) | { sum } | | sum | | \frac{}{} | \sqrt[]{} | ...
 * </pre>
 * An integer directly followed by a fraction of integers is a mixed number ({@code 2\frac{1}{2}} is
 * {@code 5/2}), as in school mathematics; {@code e} is Euler's number and {@code i} the imaginary
 * unit, as in MATH answers ({@link Notation} may read {@code i} as an index afterwards).
 *
 * <p>Functions: an argument without parentheses is the implicit product up to the next function
 * or operator, as in print ({@code \sin 2x} is {@code \sin(2x)}, {@code \sin x \cos x} two
 * factors); {@code \sin^{-1}} is the arcsine; a degree mark ({@code ^\circ}) inside the argument
 * of a trigonometric function converts degrees to radians ({@code \sin 30^\circ} = 1/2), and is
 * dropped elsewhere (a standalone {@code 60^\circ} is 60). {@code \log} without a base is
 * {@link Fn#LOG_UNSPECIFIED}.
 */
final class ExpressionParser {

    private static final int MAX_DEPTH = 200;

    private static final Map<String, Fn> FUNCTIONS = Map.ofEntries(
            Map.entry("\\sin", Fn.SIN), Map.entry("\\cos", Fn.COS), Map.entry("\\tan", Fn.TAN),
            Map.entry("\\cot", Fn.COT), Map.entry("\\sec", Fn.SEC), Map.entry("\\csc", Fn.CSC),
            Map.entry("\\arcsin", Fn.ARCSIN), Map.entry("\\arccos", Fn.ARCCOS), Map.entry("\\arctan", Fn.ARCTAN),
            Map.entry("\\sinh", Fn.SINH), Map.entry("\\cosh", Fn.COSH), Map.entry("\\tanh", Fn.TANH),
            Map.entry("\\ln", Fn.LOG), Map.entry("\\exp", Fn.EXP), Map.entry("\\abs", Fn.ABS));

    private static final Set<Fn> TRIGONOMETRIC = Set.of(Fn.SIN, Fn.COS, Fn.TAN, Fn.COT, Fn.SEC, Fn.CSC);
    private static final Map<Fn, Fn> INVERSE = Map.of(Fn.SIN, Fn.ARCSIN, Fn.COS, Fn.ARCCOS, Fn.TAN, Fn.ARCTAN);

    private static final Set<String> GREEK = Set.of("\\alpha", "\\beta", "\\gamma", "\\delta", "\\epsilon",
            "\\zeta", "\\eta", "\\theta", "\\iota", "\\kappa", "\\lambda", "\\mu", "\\nu", "\\xi", "\\rho",
            "\\sigma", "\\tau", "\\upsilon", "\\phi", "\\chi", "\\psi", "\\omega", "\\Gamma", "\\Delta",
            "\\Theta", "\\Lambda", "\\Xi", "\\Sigma", "\\Upsilon", "\\Phi", "\\Psi", "\\Omega", "\\ell");

    private final List<LatexToken> tokens;
    private int pos;
    private int absDepth;
    private int depth;
    /** How many trigonometric arguments enclose the current position: degrees convert there. */
    private int trigDepth;

    private ExpressionParser(List<LatexToken> tokens) {
        this.tokens = tokens;
    }

    /** The expression spelled by all of {@code tokens}. */
    static MathExpr parse(List<LatexToken> tokens) throws AnswerParseException {
        if (tokens.isEmpty()) {
            throw new AnswerParseException("empty expression");
        }
        ExpressionParser p = new ExpressionParser(new ArrayList<>(tokens));
        MathExpr e = p.sum();
        if (p.pos < tokens.size()) {
            throw new AnswerParseException("unexpected '" + tokens.get(p.pos) + "' at token " + (p.pos + 1));
        }
        return e;
    }

    private LatexToken peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean peekSymbol(char c) {
        LatexToken t = peek();
        return t != null && t.isSymbol(c);
    }

    private boolean peekCommand(String name) {
        LatexToken t = peek();
        return t != null && t.kind() == Kind.COMMAND && t.is(name);
    }

    private void expectSymbol(char c) throws AnswerParseException {
        if (!peekSymbol(c)) {
            throw new AnswerParseException("expected '" + c + "' but found " + (peek() == null ? "the end" : "'" + peek() + "'"));
        }
        pos++;
    }

    private void enter() throws AnswerParseException {
        if (++depth > MAX_DEPTH) {
            throw new AnswerParseException("expression nested too deeply");
        }
    }

    private MathExpr sum() throws AnswerParseException {
        enter();
        List<MathExpr> terms = new ArrayList<>();
        boolean negative = false;
        if (peekSymbol('+')) {
            pos++;
        } else if (peekSymbol('-')) {
            pos++;
            negative = true;
        }
        MathExpr first = product();
        terms.add(negative ? new MathExpr.Neg(first) : first);
        while (peekSymbol('+') || peekSymbol('-')) {
            boolean minus = peekSymbol('-');
            pos++;
            MathExpr next = product();
            terms.add(minus ? new MathExpr.Neg(next) : next);
        }
        depth--;
        return terms.size() == 1 ? terms.getFirst() : new MathExpr.Add(terms);
    }

    private MathExpr product() throws AnswerParseException {
        List<MathExpr> factors = new ArrayList<>();
        int start = pos;
        boolean firstIsInteger = peek() != null && peek().kind() == Kind.NUMBER && isDigits(peek().text());
        factors.add(power());
        if (firstIsInteger && pos == start + 1 && mixedFractionAhead()) {
            MathExpr whole = factors.removeLast();
            factors.add(new MathExpr.Add(List.of(whole, power())));
        }
        while (true) {
            if (peekSymbol('*')) {
                pos++;
                factors.add(signedPower());
            } else if (peekSymbol('/')) {
                pos++;
                MathExpr den = signedPower();
                MathExpr num = factors.size() == 1 ? factors.getFirst() : new MathExpr.Mul(factors);
                factors = new ArrayList<>(List.of(new MathExpr.Div(num, den)));
            } else if (startsFactor(peek())) {
                factors.add(power());
            } else {
                break;
            }
        }
        return factors.size() == 1 ? factors.getFirst() : new MathExpr.Mul(factors);
    }

    /** {@code \frac{1}{2}} right after an integer, both parts plain integers: a mixed number. */
    private boolean mixedFractionAhead() {
        if (pos + 6 >= tokens.size()) {
            return false;
        }
        return tokens.get(pos).is("\\frac") && tokens.get(pos + 1).isSymbol('{')
                && tokens.get(pos + 2).kind() == Kind.NUMBER && isDigits(tokens.get(pos + 2).text())
                && tokens.get(pos + 3).isSymbol('}') && tokens.get(pos + 4).isSymbol('{')
                && tokens.get(pos + 5).kind() == Kind.NUMBER && isDigits(tokens.get(pos + 5).text())
                && tokens.get(pos + 6).isSymbol('}')
                && (pos + 7 >= tokens.size() || !startsFactor(tokens.get(pos + 7)) && !tokens.get(pos + 7).isSymbol('^'));
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private MathExpr signedPower() throws AnswerParseException {
        if (peekSymbol('-')) {
            pos++;
            return new MathExpr.Neg(signedPower());
        }
        if (peekSymbol('+')) {
            pos++;
        }
        return power();
    }

    private boolean startsFactor(LatexToken t) {
        if (t == null) {
            return false;
        }
        return switch (t.kind()) {
            case NUMBER, LETTER -> true;
            case SYMBOL -> t.isSymbol('(') || t.isSymbol('{') || (t.isSymbol('|') && absDepth == 0);
            case COMMAND -> t.is("\\frac") || t.is("\\sqrt") || t.is("\\binom") || t.is("\\pi") || t.is("\\infty")
                    || t.is("\\log") || t.is("\\lfloor") || t.is("\\lceil") || FUNCTIONS.containsKey(t.text())
                    || GREEK.contains(t.text());
        };
    }

    private MathExpr power() throws AnswerParseException {
        MathExpr base = postfix();
        if (peekSymbol('^') && pos + 1 < tokens.size() && tokens.get(pos + 1).is("\\circ")) {
            pos += 2;
            return trigDepth > 0 ? degrees(base) : base;
        }
        if (peekSymbol('^')) {
            pos++;
            return new MathExpr.Pow(base, exponent());
        }
        return base;
    }

    /** {@code x} degrees in radians: {@code x * \pi / 180}. */
    private static MathExpr degrees(MathExpr x) {
        MathExpr radian = new MathExpr.Div(new MathExpr.Const(MathExpr.Const.Kind.PI),
                new MathExpr.Num(Rational.of(180), false));
        return new MathExpr.Mul(List.of(x, radian));
    }

    /** A LaTeX superscript takes one token or one group: {@code x^23} is {@code x^2 * 3}. */
    private MathExpr exponent() throws AnswerParseException {
        LatexToken t = peek();
        if (t == null) {
            throw new AnswerParseException("missing exponent");
        }
        if (t.isSymbol('{')) {
            return group('{', '}');
        }
        if (t.isSymbol('-')) {
            pos++;
            return new MathExpr.Neg(exponent());
        }
        if (t.kind() == Kind.NUMBER) {
            if (t.text().length() > 1 && isDigits(t.text())) {
                // split "23" into "2" (the exponent) and "3" (the next factor)
                tokens.set(pos, new LatexToken(Kind.NUMBER, t.text().substring(1)));
                return new MathExpr.Num(Rational.parseDecimal(t.text().substring(0, 1)), false);
            }
            pos++;
            return number(t.text());
        }
        if (t.isSymbol('(')) {
            return group('(', ')');
        }
        return primary();
    }

    private MathExpr postfix() throws AnswerParseException {
        MathExpr e = primary();
        while (peekSymbol('!') || peekCommand("\\%")) {
            if (peekSymbol('!')) {
                e = new MathExpr.Call(Fn.FACTORIAL, List.of(e));
            } else {
                // a percentage inside an expression ("0.56 = 56\%") is a hundredth
                e = new MathExpr.Div(e, new MathExpr.Num(Rational.HUNDRED, false));
            }
            pos++;
        }
        return e;
    }

    private MathExpr group(char open, char close) throws AnswerParseException {
        expectSymbol(open);
        MathExpr e = sum();
        expectSymbol(close);
        return e;
    }

    private MathExpr primary() throws AnswerParseException {
        LatexToken t = peek();
        if (t == null) {
            throw new AnswerParseException("expression ends too early");
        }
        switch (t.kind()) {
            case NUMBER -> {
                pos++;
                return number(t.text());
            }
            case LETTER -> {
                pos++;
                return letter(t.text());
            }
            case SYMBOL -> {
                if (t.isSymbol('(')) {
                    return group('(', ')');
                }
                if (t.isSymbol('{')) {
                    return group('{', '}');
                }
                if (t.isSymbol('[')) {
                    return group('[', ']');
                }
                if (t.isSymbol('|')) {
                    pos++;
                    absDepth++;
                    MathExpr inner = sum();
                    absDepth--;
                    expectSymbol('|');
                    return new MathExpr.Call(Fn.ABS, List.of(inner));
                }
                throw new AnswerParseException("unexpected '" + t + "'");
            }
            default -> {
                return command(t);
            }
        }
    }

    private MathExpr number(String text) throws AnswerParseException {
        try {
            boolean decimal = text.contains(".") || text.contains("e") || text.contains("E");
            return new MathExpr.Num(Rational.parseDecimal(text), decimal);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new AnswerParseException("number out of range: " + text);
        }
    }

    private MathExpr letter(String name) throws AnswerParseException {
        if (peekSymbol('_')) {
            pos++;
            return new MathExpr.Sym(name + "_" + subscript());
        }
        return switch (name) {
            case "e" -> new MathExpr.Const(MathExpr.Const.Kind.E);
            case "i" -> new MathExpr.Const(MathExpr.Const.Kind.I);
            default -> new MathExpr.Sym(name);
        };
    }

    /** The subscript's text: {@code a_1}, {@code x_{12}}, {@code a_n}. */
    private String subscript() throws AnswerParseException {
        LatexToken t = peek();
        if (t == null) {
            throw new AnswerParseException("missing subscript");
        }
        if (t.isSymbol('{')) {
            StringBuilder b = new StringBuilder();
            pos++;
            while (peek() != null && !peekSymbol('}')) {
                b.append(peek().text());
                pos++;
            }
            expectSymbol('}');
            return b.toString();
        }
        pos++;
        return t.kind() == Kind.NUMBER ? t.text().substring(0, 1) : t.text();
    }

    private MathExpr command(LatexToken t) throws AnswerParseException {
        String name = t.text();
        pos++;
        if (GREEK.contains(name)) {
            return new MathExpr.Sym(name.substring(1));
        }
        Fn fn = FUNCTIONS.get(name);
        if (fn != null) {
            return function(fn);
        }
        return switch (name) {
            case "\\pi" -> new MathExpr.Const(MathExpr.Const.Kind.PI);
            case "\\infty" -> new MathExpr.Const(MathExpr.Const.Kind.INFINITY);
            case "\\frac" -> {
                MathExpr num = group('{', '}');
                MathExpr den = group('{', '}');
                yield new MathExpr.Div(num, den);
            }
            case "\\binom" -> {
                MathExpr n = group('{', '}');
                MathExpr k = group('{', '}');
                yield new MathExpr.Call(Fn.BINOMIAL, List.of(n, k));
            }
            case "\\sqrt" -> {
                if (peekSymbol('[')) {
                    MathExpr index = group('[', ']');
                    MathExpr radicand = group('{', '}');
                    yield new MathExpr.Call(Fn.ROOT, List.of(radicand, index));
                }
                yield new MathExpr.Call(Fn.SQRT, List.of(peekSymbol('(') ? group('(', ')') : group('{', '}')));
            }
            case "\\log" -> {
                if (peekSymbol('_')) {
                    pos++;
                    MathExpr base = peekSymbol('{') ? group('{', '}') : primary();
                    yield new MathExpr.Call(Fn.LOG_BASE, List.of(base, argument()));
                }
                yield function(Fn.LOG_UNSPECIFIED);
            }
            case "\\lfloor" -> closedBy(Fn.FLOOR, "\\rfloor");
            case "\\lceil" -> closedBy(Fn.CEILING, "\\rceil");
            default -> throw new AnswerParseException("unsupported command " + name);
        };
    }

    private MathExpr closedBy(Fn fn, String close) throws AnswerParseException {
        MathExpr inner = sum();
        if (!peekCommand(close)) {
            throw new AnswerParseException("missing " + close);
        }
        pos++;
        return new MathExpr.Call(fn, List.of(inner));
    }

    /**
     * {@code \sin x}, {@code \sin(2x)}, {@code \sin^2 x} (the square of the sine),
     * {@code \sin^{-1} x} (the arcsine).
     */
    private MathExpr function(Fn fn) throws AnswerParseException {
        MathExpr power = null;
        if (peekSymbol('^')) {
            pos++;
            power = exponent();
        }
        if (power != null && INVERSE.containsKey(fn) && isMinusOne(power)) {
            return new MathExpr.Call(INVERSE.get(fn), List.of(argument()));
        }
        boolean trig = TRIGONOMETRIC.contains(fn);
        trigDepth += trig ? 1 : 0;
        MathExpr arg = argument();
        trigDepth -= trig ? 1 : 0;
        MathExpr call = new MathExpr.Call(fn, List.of(arg));
        return power == null ? call : new MathExpr.Pow(call, power);
    }

    private static boolean isMinusOne(MathExpr e) {
        return e instanceof MathExpr.Neg n && n.arg() instanceof MathExpr.Num k && k.value().equals(Rational.ONE);
    }

    /**
     * A function's argument: a group in parentheses or braces, or else the implicit product that
     * follows, up to the next function, operator or parenthesis ({@code \sin 2x}, {@code \ln 2\pi};
     * {@code \sin x (1 + \cos x)} is a product of two factors).
     */
    private MathExpr argument() throws AnswerParseException {
        if (peekSymbol('(')) {
            return group('(', ')');
        }
        if (peekSymbol('{')) {
            return group('{', '}');
        }
        List<MathExpr> factors = new ArrayList<>(List.of(power()));
        while (startsFactor(peek()) && !startsFunction(peek()) && !peekSymbol('(')) {
            factors.add(power());
        }
        return factors.size() == 1 ? factors.getFirst() : new MathExpr.Mul(factors);
    }

    private static boolean startsFunction(LatexToken t) {
        return t.kind() == Kind.COMMAND && (FUNCTIONS.containsKey(t.text()) || t.is("\\log") || t.is("\\sqrt"));
    }
}
