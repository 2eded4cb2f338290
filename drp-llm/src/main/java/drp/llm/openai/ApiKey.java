package drp.llm.openai;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An API key. It comes only from the environment or a key file and leaves this object only towards
 * the HTTP client: {@link #toString()} hides it, it is not a record (a record would print it), and
 * {@link #redact(String)} scrubs it, and anything shaped like a key, from text bound for messages.
 */
public final class ApiKey {

    /** OpenAI-style keys and the masked forms servers echo back ({@code sk-abc1****xyz}). */
    private static final Pattern KEY_SHAPED = Pattern.compile("\\b(sk|pk|rk)-[A-Za-z0-9_*.\\-]{3,}");

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /** A key from its text, trimmed; blank text is refused. */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "api key");
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the api key is empty");
        }
        return new ApiKey(trimmed);
    }

    /** The key itself, for the HTTP client only. */
    public String reveal() {
        return value;
    }

    /** {@code text} with this key and anything key-shaped replaced by {@code ***}. */
    public String redact(String text) {
        return redactKeyShaped(text == null ? "" : text.replace(value, "***"));
    }

    /** {@code text} with anything key-shaped replaced, for messages when no key is known. */
    public static String redactKeyShaped(String text) {
        return text == null ? "" : KEY_SHAPED.matcher(text).replaceAll("$1-***");
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
