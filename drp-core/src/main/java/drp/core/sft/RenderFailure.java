package drp.core.sft;

/**
 * An example that cannot be rendered faithfully as the student sees it; the build counts it
 * under {@link #reason()} and never writes it.
 */
public class RenderFailure extends RuntimeException {

    private final String reason;

    /**
     * @param reason  a short stable key for the summary, e.g. {@code token_boundary}
     * @param message a sentence that says why
     */
    public RenderFailure(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
