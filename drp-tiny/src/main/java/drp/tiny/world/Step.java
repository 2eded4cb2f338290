package drp.tiny.world;

/**
 * One arithmetic step of a problem's solution: {@code left op right = result}.
 */
public record Step(int left, Operation operation, int right, int result) {
    public Step {
        if (operation.apply(left, right) != result) {
            throw new IllegalArgumentException("wrong step: " + left + " " + operation.symbol() + " "
                    + right + " = " + result);
        }
    }

    /** Computes the result. */
    public static Step of(int left, Operation operation, int right) {
        return new Step(left, operation, right, operation.apply(left, right));
    }

    /** The equation as the traces write it, e.g. {@code 4 + 5 = 9}. */
    public String equation() {
        return left + " " + operation.symbol() + " " + right + " = " + result;
    }
}
