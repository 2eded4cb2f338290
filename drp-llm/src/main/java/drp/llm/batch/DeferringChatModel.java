package drp.llm.batch;

import drp.core.chat.CallDeferredException;
import drp.core.chat.ChatFailure;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.core.chat.NonRetriableChatException;
import drp.llm.cache.CacheKey;
import drp.llm.cache.CallCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for a model while a stage's calls are collected for the Batch API, round by round: a
 * call answered before (by an earlier round, live or batch) is answered from the call cache; any
 * other call is kept and refused with {@link CallDeferredException}, so the work that needed it is
 * set aside; a call whose batch item failed for good fails for good here too. After a round, the
 * kept requests go to {@link OpenAiBatchRunner#run}, which stores the answers in the same cache;
 * the next round gets further. A multi-call protocol (a teacher's two calls, its retries with
 * feedback) thus takes one batch round per call it makes in sequence.
 */
public final class DeferringChatModel implements ChatModel {

    private final ModelId id;
    private final CallCache cache;
    private final Map<String, ChatRequest> deferred = new LinkedHashMap<>();
    private final Map<String, String> failed = new ConcurrentHashMap<>();

    /**
     * @param id    the identity answers are cached under: the batch runner's ({@link OpenAiBatchRunner#id()})
     * @param cache the cache the runner stores answers in
     */
    public DeferringChatModel(ModelId id, CallCache cache) {
        this.id = Objects.requireNonNull(id, "id");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public ModelId id() {
        return id;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        CacheKey key = CacheKey.of(id, request);
        Optional<ChatResponse> answered = cache.get(key);
        if (answered.isPresent()) {
            return answered.get();
        }
        String reason = failed.get(key.sha256());
        if (reason != null) {
            throw new NonRetriableChatException(ChatFailure.BAD_REQUEST, id + ": the batch job could not answer this call: "
                    + reason, 0, null);
        }
        synchronized (deferred) {
            deferred.putIfAbsent(key.sha256(), request);
        }
        throw new CallDeferredException("deferred to the next batch round");
    }

    /** The calls kept since the last time, as batch items ({@code custom_id} = the call's cache key), and forgets them. */
    public List<BatchItem> takeDeferred() {
        synchronized (deferred) {
            List<BatchItem> items = new ArrayList<>(deferred.size());
            deferred.forEach((key, request) -> items.add(new BatchItem(key, request)));
            deferred.clear();
            return items;
        }
    }

    /** Records the batch results of a round: failed items fail their calls from now on. */
    public void record(Map<String, BatchResult> results) {
        results.forEach((customId, result) -> {
            if (result instanceof BatchResult.Failed f) {
                failed.put(customId, f.reason());
            }
        });
    }
}
