package drp.core.answer;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The structure of an answer: a single value, or a tuple, set, bare list, interval, union,
 * matrix, relation, multiple-choice letter or plain text. The gold answer's structure guides the
 * comparison ({@link AnswerComparison}).
 */
sealed interface Answer {

    /** What kind of answer this is, for reasons. */
    String kind();

    /** A compact rendering, for reasons. */
    String show();

    /** This answer with every expression in it rewritten by {@code f} ({@link MathExpr#rewrite}). */
    default Answer rewrite(UnaryOperator<MathExpr> f) {
        return switch (this) {
            case Scalar s -> new Scalar(s.expr().rewrite(f), s.percent());
            case Tuple t -> new Tuple(t.items().stream().map(a -> a.rewrite(f)).toList());
            case SetOf s -> new SetOf(s.items().stream().map(a -> a.rewrite(f)).toList());
            case Listing l -> new Listing(l.items().stream().map(a -> a.rewrite(f)).toList());
            case Interval i -> new Interval(i.lo().rewrite(f), i.hi().rewrite(f), i.loClosed(), i.hiClosed());
            case Union u -> new Union(u.parts().stream().map(a -> a.rewrite(f)).toList());
            case Matrix m -> new Matrix(m.rows().stream().map(r -> r.stream().map(e -> e.rewrite(f)).toList()).toList());
            case Relation r -> new Relation(r.sides().stream().map(e -> e.rewrite(f)).toList(), r.ops());
            case Choice c -> c;
            case Text t -> t;
        };
    }

    /** True when some expression in this answer has a subexpression that satisfies {@code test}. */
    default boolean mentions(Predicate<MathExpr> test) {
        return switch (this) {
            case Scalar s -> s.expr().contains(test);
            case Tuple t -> t.items().stream().anyMatch(a -> a.mentions(test));
            case SetOf s -> s.items().stream().anyMatch(a -> a.mentions(test));
            case Listing l -> l.items().stream().anyMatch(a -> a.mentions(test));
            case Interval i -> i.lo().contains(test) || i.hi().contains(test);
            case Union u -> u.parts().stream().anyMatch(a -> a.mentions(test));
            case Matrix m -> m.rows().stream().flatMap(List::stream).anyMatch(e -> e.contains(test));
            case Relation r -> r.sides().stream().anyMatch(e -> e.contains(test));
            case Choice c -> false;
            case Text t -> false;
        };
    }

    /**
     * One value.
     *
     * @param percent written with {@code \%}: {@code 28\%} may be compared as {@code 28} or {@code 0.28}
     */
    record Scalar(MathExpr expr, boolean percent) implements Answer {
        public Scalar {
            Objects.requireNonNull(expr, "expr");
        }

        @Override
        public String kind() {
            return "value";
        }

        @Override
        public String show() {
            return expr.show() + (percent ? "%" : "");
        }
    }

    /** An ordered tuple or list: {@code (1, 2)}, {@code \langle 1,2,3\rangle}. */
    record Tuple(List<Answer> items) implements Answer {
        public Tuple {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "tuple of " + items.size();
        }

        @Override
        public String show() {
            return items.stream().map(Answer::show).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** A set written with braces: {@code \{1, 2\}}; order does not matter. */
    record SetOf(List<Answer> items) implements Answer {
        public SetOf {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "set of " + items.size();
        }

        @Override
        public String show() {
            return items.stream().map(Answer::show).collect(Collectors.joining(", ", "{", "}"));
        }
    }

    /** A bare comma list: {@code 1, -2}; compared as a set unless the options say ordered. */
    record Listing(List<Answer> items) implements Answer {
        public Listing {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "list of " + items.size();
        }

        @Override
        public String show() {
            return items.stream().map(Answer::show).collect(Collectors.joining(", "));
        }
    }

    /** An interval with open or closed ends; infinite ends are {@code \infty} constants. */
    record Interval(MathExpr lo, MathExpr hi, boolean loClosed, boolean hiClosed) implements Answer {
        public Interval {
            Objects.requireNonNull(lo, "lo");
            Objects.requireNonNull(hi, "hi");
        }

        @Override
        public String kind() {
            return "interval";
        }

        @Override
        public String show() {
            return (loClosed ? "[" : "(") + lo.show() + ", " + hi.show() + (hiClosed ? "]" : ")");
        }
    }

    /** A union of intervals or sets ({@code \cup}), or of inequalities joined by "or". */
    record Union(List<Answer> parts) implements Answer {
        public Union {
            parts = List.copyOf(parts);
        }

        @Override
        public String kind() {
            return "union of " + parts.size();
        }

        @Override
        public String show() {
            return parts.stream().map(Answer::show).collect(Collectors.joining(" U "));
        }
    }

    /** A matrix or vector from a {@code pmatrix}/{@code bmatrix}/{@code array} environment. */
    record Matrix(List<List<MathExpr>> rows) implements Answer {
        public Matrix {
            rows = rows.stream().map(List::copyOf).toList();
        }

        @Override
        public String kind() {
            return "matrix " + rows.size() + "x" + (rows.isEmpty() ? 0 : rows.getFirst().size());
        }

        @Override
        public String show() {
            return rows.stream()
                    .map(r -> r.stream().map(MathExpr::show).collect(Collectors.joining(", ", "[", "]")))
                    .collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** A relation chain: {@code x = 3}, {@code 2 < x \le 5}, {@code y = 2x + 1}. */
    record Relation(List<MathExpr> sides, List<Op> ops) implements Answer {
        public Relation {
            sides = List.copyOf(sides);
            ops = List.copyOf(ops);
            if (sides.size() != ops.size() + 1 || ops.isEmpty()) {
                throw new IllegalArgumentException("a relation needs n+1 sides for n operators");
            }
        }

        enum Op {
            EQ("="), LT("<"), LE("<="), GT(">"), GE(">="), NE("!="), APPROX("~");

            final String symbol;

            Op(String symbol) {
                this.symbol = symbol;
            }

            /** The operator with its sides swapped: {@code a < b} is {@code b > a}. */
            Op flipped() {
                return switch (this) {
                    case LT -> GT;
                    case LE -> GE;
                    case GT -> LT;
                    case GE -> LE;
                    default -> this;
                };
            }
        }

        @Override
        public String kind() {
            return ops.stream().allMatch(o -> o == Op.EQ || o == Op.APPROX) ? "equation" : "inequality";
        }

        @Override
        public String show() {
            StringBuilder b = new StringBuilder(sides.getFirst().show());
            for (int i = 0; i < ops.size(); i++) {
                b.append(' ').append(ops.get(i).symbol).append(' ').append(sides.get(i + 1).show());
            }
            return b.toString();
        }
    }

    /** A multiple-choice letter: {@code (B)}, {@code \text{(B)}}, {@code B}. */
    record Choice(char letter) implements Answer {
        @Override
        public String kind() {
            return "choice";
        }

        @Override
        public String show() {
            return "(" + letter + ")";
        }
    }

    /** A plain-text answer ({@code Evelyn}, {@code odd}) or a numeral in a base ({@code 1204_9}). */
    record Text(String text) implements Answer {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String kind() {
            return "text";
        }

        @Override
        public String show() {
            return text;
        }
    }
}
