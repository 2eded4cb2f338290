package drp.llm.openai;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads how long a server asks the client to wait: {@code retry-after-ms} (OpenAI, milliseconds),
 * else {@code Retry-After} in seconds or as an HTTP date (RFC 9110).
 */
public final class RetryAfter {

    private RetryAfter() {}

    /**
     * @param header the values of a header by (case-insensitive) name
     * @param now the current time, for the HTTP-date form
     */
    public static Optional<Duration> parse(Function<String, List<String>> header, Instant now) {
        Optional<Duration> ms = first(header, "retry-after-ms").flatMap(v -> number(v, 1));
        if (ms.isPresent()) {
            return ms;
        }
        return first(header, "retry-after").flatMap(v -> number(v, 1000).or(() -> date(v, now)));
    }

    private static Optional<String> first(Function<String, List<String>> header, String name) {
        List<String> values = header.apply(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst().strip());
    }

    private static Optional<Duration> number(String value, long millisPerUnit) {
        try {
            double units = Double.parseDouble(value);
            if (!(units >= 0) || Double.isInfinite(units)) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(Math.round(units * millisPerUnit * 1_000_000)));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> date(String value, Instant now) {
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
