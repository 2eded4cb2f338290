package drp.core.chat;

/**
 * A model that answers chat and completion requests. The port between the method (drp-core) and
 * whatever runs the model: OpenAI-compatible servers, batch jobs, in-process engines (drp-llm,
 * drp-tiny). Cross-cutting work (caching, rate limits, retries, metering) is written once, as
 * decorators that are themselves {@code ChatModel}s.
 *
 * <p>Implementations are safe to call from many threads at once. Failures are {@link
 * ChatException}s whose type says whether trying again may help.
 */
public interface ChatModel extends AutoCloseable {

    /** What answers: endpoint and model. Stable across runs; never holds a secret. */
    ModelId id();

    /**
     * Sends one request and waits for its answer.
     *
     * @throws RetriableChatException when the same call may succeed later (rate limit, server
     *     error, timeout, dropped connection, malformed response)
     * @throws NonRetriableChatException when it will not (authentication, bad request, budget)
     */
    ChatResponse chat(ChatRequest request);

    /** Releases connections and files; the default holds none. */
    @Override
    default void close() {}
}
