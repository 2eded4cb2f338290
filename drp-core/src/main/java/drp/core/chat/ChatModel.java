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

    /**
     * The log-probabilities of a given target after a prompt, with nothing generated (see {@link
     * ScoreRequest}). Engines that can score override this; the default refuses.
     *
     * @throws NonRetriableChatException with {@link ChatFailure#UNSUPPORTED} when this model or its
     *     server cannot score, saying why; the other failures as {@link #chat}
     */
    default TargetScore score(ScoreRequest request) {
        throw unsupportedScoring(id(), "this engine generates text but does not report the log-probabilities of a given text");
    }

    /** The refusal of {@link #score} by a model that cannot score, naming it and the reason. */
    static NonRetriableChatException unsupportedScoring(ModelId id, String why) {
        return new NonRetriableChatException(ChatFailure.UNSUPPORTED, id + " cannot score a given text: " + why, 0, null);
    }

    /** Releases connections and files; the default holds none. */
    @Override
    default void close() {}
}
