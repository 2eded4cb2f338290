package drp.core.answer;

import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Prints a {@link MathExpr} in Symja's input syntax ({@code Sqrt[2]*Pi}). Symja's own parser
 * rejects the LaTeX answers use ({@code \dfrac}, {@code \frac14}, {@code 1{,}000}), so drp reads
 * LaTeX itself and hands Symja only text printed here. Variables are renamed for Symja so that an
 * answer's {@code E}, {@code I}, {@code N} or {@code D} can never be taken for a built-in.
 */
final class InfixForm {

    private InfixForm() {}

    /** Symja input: variables renamed by {@link #variable(String)}. */
    static String symja(MathExpr e) {
        return print(e, InfixForm::variable);
    }

    /** The same syntax with the variables as written, for reasons and explanations. */
    static String plain(MathExpr e) {
        return print(e, Function.identity());
    }

    /**
     * Symja's relaxed parser (the one that knows the built-ins) folds identifiers to lower case,
     * so the name is encoded over {@code [a-z0-9]} with a prefix-free code: lower-case letters as
     * themselves, an upper-case letter as {@code 0} and the letter, a digit as {@code 1} and the
     * digit, {@code _} as {@code 2}, anything else as {@code 3} and four hex digits. Distinct names
     * stay distinct, and the {@code v} prefix keeps them clear of built-in names.
     */
    static String variable(String name) {
        StringBuilder b = new StringBuilder("v");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'a' && c <= 'z') {
                b.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                b.append('0').append(Character.toLowerCase(c));
            } else if (c >= '0' && c <= '9') {
                b.append('1').append(c);
            } else if (c == '_') {
                b.append('2');
            } else {
                b.append('3').append(String.format("%04x", (int) c));
            }
        }
        return b.toString();
    }

    private static String print(MathExpr e, Function<String, String> names) {
        return switch (e) {
            case MathExpr.Num n -> n.value().toString();
            case MathExpr.Sym s -> names.apply(s.name());
            case MathExpr.Const c -> switch (c.kind()) {
                case PI -> "Pi";
                case E -> "E";
                case I -> "I";
                case INFINITY -> "Infinity";
            };
            case MathExpr.Neg n -> "-" + operand(n.arg(), PRODUCT + 1, names);
            case MathExpr.Add a -> {
                StringBuilder b = new StringBuilder(operand(a.terms().getFirst(), SUM, names));
                for (MathExpr t : a.terms().subList(1, a.terms().size())) {
                    if (t instanceof MathExpr.Neg n) {
                        b.append('-').append(operand(n.arg(), PRODUCT, names));
                    } else {
                        b.append('+').append(operand(t, SUM + 1, names));
                    }
                }
                yield b.toString();
            }
            case MathExpr.Mul m -> m.factors().stream().map(f -> operand(f, PRODUCT + 1, names))
                    .collect(Collectors.joining("*"));
            case MathExpr.Div d -> operand(d.num(), PRODUCT, names) + "/" + operand(d.den(), PRODUCT + 1, names);
            case MathExpr.Pow p -> operand(p.base(), POWER + 1, names) + "^" + operand(p.exponent(), POWER + 1, names);
            case MathExpr.Call c -> c.fn().symja + c.args().stream().map(x -> print(x, names))
                    .collect(Collectors.joining(",", "[", "]"));
        };
    }

    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int POWER = 4;
    private static final int ATOM = 5;

    /** Binding strength of the printed form of {@code e}. */
    private static int precedence(MathExpr e) {
        return switch (e) {
            case MathExpr.Num n -> n.value().signum() < 0 ? SUM : n.value().isInteger() ? ATOM : PRODUCT;
            case MathExpr.Add a -> SUM;
            case MathExpr.Neg n -> SUM;
            case MathExpr.Mul m -> PRODUCT;
            case MathExpr.Div d -> PRODUCT;
            case MathExpr.Pow p -> POWER;
            default -> ATOM;
        };
    }

    /** {@code e} printed as an operand that needs at least binding strength {@code needed}. */
    private static String operand(MathExpr e, int needed, Function<String, String> names) {
        String s = print(e, names);
        return precedence(e) >= needed ? s : "(" + s + ")";
    }
}
