package drp.llm.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** How the scripted server answers one request. */
public sealed interface Reply {

    /** The echo model's answer (see {@code EchoChatModel}). */
    record Normal() implements Reply {}

    /** Waits, then answers as {@code then} does. */
    record Slow(Duration delay, Reply then) implements Reply {
        public Slow {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(then, "then");
        }
    }

    /** An HTTP error with an OpenAI-style error body and extra headers (e.g. Retry-After). */
    record Status(int status, Map<String, String> headers, String message) implements Reply {
        public Status {
            headers = Map.copyOf(headers);
        }
    }

    /** Reads the request, then closes the connection without a response. */
    record Drop() implements Reply {}

    /** HTTP 200 with a body that is not JSON. */
    record MalformedJson() implements Reply {}

    /** HTTP 200 whose body stops halfway, then the connection closes. */
    record Truncated() implements Reply {}

    /** A normal response whose first choice's content is this text (a model that breaks a protocol). */
    record Content(String text) implements Reply {}

    /** A fixed, precomputed response that ignores the request: for throughput benchmarks. */
    record Canned() implements Reply {}

    static Reply normal() {
        return new Normal();
    }

    static Reply slow(Duration delay) {
        return new Slow(delay, normal());
    }

    static Reply status(int status) {
        return new Status(status, Map.of(), "scripted failure " + status);
    }

    /** HTTP 429 with {@code Retry-After: seconds}. */
    static Reply rateLimited(String retryAfterSeconds) {
        return new Status(429, Map.of("Retry-After", retryAfterSeconds), "Rate limit reached, slow down");
    }

    /** HTTP {@code status} with {@code retry-after-ms}. */
    static Reply retryAfterMillis(int status, long millis) {
        return new Status(status, Map.of("retry-after-ms", Long.toString(millis)), "scripted failure " + status);
    }

    static Reply drop() {
        return new Drop();
    }

    static Reply malformedJson() {
        return new MalformedJson();
    }

    static Reply truncated() {
        return new Truncated();
    }

    static Reply content(String text) {
        return new Content(text);
    }

    static Reply canned() {
        return new Canned();
    }
}
