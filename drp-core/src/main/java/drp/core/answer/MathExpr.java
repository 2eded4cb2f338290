package drp.core.answer;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A mathematical expression read from a normalized LaTeX answer. The tree is small on purpose: the
 * exact evaluator, the numeric evaluator and the Symja printer each switch over it exhaustively.
 */
sealed interface MathExpr {

    /**
     * A number literal.
     *
     * @param value exact value of the literal
     * @param decimal written with a decimal point or an exponent ({@code 0.5}, {@code 1e-3}): such a
     *     literal may be a rounded approximation, which decides whether a tolerance applies
     */
    record Num(Rational value, boolean decimal) implements MathExpr {
        public Num {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A free variable such as {@code x}, {@code \theta} or {@code a_1}. */
    record Sym(String name) implements MathExpr {
        public Sym {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The named constants answers use. */
    record Const(Kind kind) implements MathExpr {
        enum Kind { PI, E, I, INFINITY }

        public Const {
            Objects.requireNonNull(kind, "kind");
        }
    }

    record Neg(MathExpr arg) implements MathExpr {
        public Neg {
            Objects.requireNonNull(arg, "arg");
        }
    }

    record Add(List<MathExpr> terms) implements MathExpr {
        public Add {
            terms = List.copyOf(terms);
        }
    }

    record Mul(List<MathExpr> factors) implements MathExpr {
        public Mul {
            factors = List.copyOf(factors);
        }
    }

    record Div(MathExpr num, MathExpr den) implements MathExpr {
        public Div {
            Objects.requireNonNull(num, "num");
            Objects.requireNonNull(den, "den");
        }
    }

    record Pow(MathExpr base, MathExpr exponent) implements MathExpr {
        public Pow {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(exponent, "exponent");
        }
    }

    /** A function applied to its arguments; {@link Fn} fixes the arity. */
    record Call(Fn fn, List<MathExpr> args) implements MathExpr {
        public Call {
            Objects.requireNonNull(fn, "fn");
            args = List.copyOf(args);
            if (args.size() != fn.arity) {
                throw new IllegalArgumentException(fn + " takes " + fn.arity + " argument(s), got " + args.size());
            }
        }
    }

    /**
     * Functions with their Symja names. {@code LOG} is the natural logarithm, as in Symja;
     * {@code LOG_UNSPECIFIED} is a {@code \log} written without a base, which the checker reads
     * both as {@code LOG} and as base 10 before comparing ({@link Notation#bareLogAs}); printed
     * or evaluated unresolved it is the natural logarithm.
     */
    enum Fn {
        SQRT("Sqrt", 1), ROOT("Surd", 2), ABS("Abs", 1), FLOOR("Floor", 1), CEILING("Ceiling", 1),
        FACTORIAL("Factorial", 1), BINOMIAL("Binomial", 2), EXP("Exp", 1), LOG("Log", 1), LOG_BASE("Log", 2),
        LOG_UNSPECIFIED("Log", 1),
        SIN("Sin", 1), COS("Cos", 1), TAN("Tan", 1), COT("Cot", 1), SEC("Sec", 1), CSC("Csc", 1),
        ARCSIN("ArcSin", 1), ARCCOS("ArcCos", 1), ARCTAN("ArcTan", 1),
        SINH("Sinh", 1), COSH("Cosh", 1), TANH("Tanh", 1);

        final String symja;
        final int arity;

        Fn(String symja, int arity) {
            this.symja = symja;
            this.arity = arity;
        }
    }

    /** This expression with {@code f} applied to every subexpression, innermost first. */
    default MathExpr rewrite(UnaryOperator<MathExpr> f) {
        MathExpr e = switch (this) {
            case Num n -> n;
            case Sym s -> s;
            case Const c -> c;
            case Neg n -> new Neg(n.arg().rewrite(f));
            case Add a -> new Add(a.terms().stream().map(t -> t.rewrite(f)).toList());
            case Mul m -> new Mul(m.factors().stream().map(t -> t.rewrite(f)).toList());
            case Div d -> new Div(d.num().rewrite(f), d.den().rewrite(f));
            case Pow p -> new Pow(p.base().rewrite(f), p.exponent().rewrite(f));
            case Call c -> new Call(c.fn(), c.args().stream().map(t -> t.rewrite(f)).toList());
        };
        return f.apply(e);
    }

    /** True when this expression or any subexpression satisfies {@code test}. */
    default boolean contains(Predicate<MathExpr> test) {
        if (test.test(this)) {
            return true;
        }
        return switch (this) {
            case Num n -> false;
            case Sym s -> false;
            case Const c -> false;
            case Neg n -> n.arg().contains(test);
            case Add a -> a.terms().stream().anyMatch(t -> t.contains(test));
            case Mul m -> m.factors().stream().anyMatch(t -> t.contains(test));
            case Div d -> d.num().contains(test) || d.den().contains(test);
            case Pow p -> p.base().contains(test) || p.exponent().contains(test);
            case Call c -> c.args().stream().anyMatch(t -> t.contains(test));
        };
    }

    /** True when no free variable occurs (constants such as {@code \pi} are not variables). */
    default boolean isConstant() {
        return switch (this) {
            case Num n -> true;
            case Sym s -> false;
            case Const c -> true;
            case Neg n -> n.arg().isConstant();
            case Add a -> a.terms().stream().allMatch(MathExpr::isConstant);
            case Mul m -> m.factors().stream().allMatch(MathExpr::isConstant);
            case Div d -> d.num().isConstant() && d.den().isConstant();
            case Pow p -> p.base().isConstant() && p.exponent().isConstant();
            case Call c -> c.args().stream().allMatch(MathExpr::isConstant);
        };
    }

    /** True when a decimal literal occurs, i.e. the expression may be a rounded approximation. */
    default boolean hasDecimal() {
        return switch (this) {
            case Num n -> n.decimal();
            case Sym s -> false;
            case Const c -> false;
            case Neg n -> n.arg().hasDecimal();
            case Add a -> a.terms().stream().anyMatch(MathExpr::hasDecimal);
            case Mul m -> m.factors().stream().anyMatch(MathExpr::hasDecimal);
            case Div d -> d.num().hasDecimal() || d.den().hasDecimal();
            case Pow p -> p.base().hasDecimal() || p.exponent().hasDecimal();
            case Call c -> c.args().stream().anyMatch(MathExpr::hasDecimal);
        };
    }

    /** True when {@code \infty} occurs. */
    default boolean hasInfinity() {
        return switch (this) {
            case Num n -> false;
            case Sym s -> false;
            case Const c -> c.kind() == Const.Kind.INFINITY;
            case Neg n -> n.arg().hasInfinity();
            case Add a -> a.terms().stream().anyMatch(MathExpr::hasInfinity);
            case Mul m -> m.factors().stream().anyMatch(MathExpr::hasInfinity);
            case Div d -> d.num().hasInfinity() || d.den().hasInfinity();
            case Pow p -> p.base().hasInfinity() || p.exponent().hasInfinity();
            case Call c -> c.args().stream().anyMatch(MathExpr::hasInfinity);
        };
    }

    /** A compact infix rendering, used in verdict reasons. */
    default String show() {
        return InfixForm.plain(this);
    }
}
