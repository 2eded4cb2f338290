package drp.tiny.world;

/** The four operations of the world, with the symbol the traces write. */
public enum Operation {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("×"),
    DIVIDE("÷");

    private final String symbol;

    Operation(String symbol) {
        this.symbol = symbol;
    }

    /** The symbol written in equations, e.g. {@code ×}. */
    public String symbol() {
        return symbol;
    }

    /** {@code left op right}; division must be exact. */
    public int apply(int left, int right) {
        return switch (this) {
            case ADD -> left + right;
            case SUBTRACT -> left - right;
            case MULTIPLY -> left * right;
            case DIVIDE -> {
                if (right == 0 || left % right != 0) {
                    throw new IllegalArgumentException(left + " ÷ " + right + " is not exact");
                }
                yield left / right;
            }
        };
    }
}
