package drp.llm.chat;

import drp.core.chat.ChatException;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ScoreRequest;
import drp.core.chat.TargetScore;
import drp.llm.cache.CacheKey;
import drp.llm.cache.CacheMode;
import drp.llm.cache.CallCache;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a call from the {@link CallCache} when it was made before (same endpoint, model and
 * request), else makes it and stores the answer before returning it. Identical calls in flight at
 * the same moment are made once and share the answer. The outermost decorator, so a cache hit
 * costs no rate limit, no budget and no request.
 */
public final class CachedChatModel extends ForwardingChatModel {

    private final CallCache cache;
    private final CacheMode mode;
    private final ConcurrentHashMap<CacheKey, CompletableFuture<ChatResponse>> inFlight = new ConcurrentHashMap<>();

    public CachedChatModel(ChatModel inner, CallCache cache, CacheMode mode) {
        super(inner);
        this.cache = cache;
        this.mode = mode;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        if (mode == CacheMode.OFF) {
            return delegate().chat(request);
        }
        CacheKey key = CacheKey.of(id(), request);
        if (mode == CacheMode.USE) {
            var hit = cache.get(key);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        CompletableFuture<ChatResponse> mine = new CompletableFuture<>();
        CompletableFuture<ChatResponse> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            ChatResponse response = delegate().chat(request);
            ChatResponse stored = mode == CacheMode.REFRESH
                    ? cache.put(key, id(), request, response)
                    : cache.putIfAbsent(key, id(), request, response);
            mine.complete(stored);
            return stored;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /**
     * Answers a scoring call from the cache when it was made before, else scores and stores it: a
     * rerun of the align stage, or a capacity-aware arm scoring targets other arms scored, costs no
     * request. (Identical scoring calls in flight at once are not merged; the align stage makes
     * each once.)
     */
    @Override
    public TargetScore score(ScoreRequest request) {
        if (mode == CacheMode.OFF) {
            return delegate().score(request);
        }
        CacheKey key = CacheKey.of(id(), request);
        if (mode == CacheMode.USE) {
            var hit = cache.getScore(key);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        TargetScore score = delegate().score(request);
        return mode == CacheMode.REFRESH ? cache.putScore(key, id(), request, score)
                : cache.putScoreIfAbsent(key, id(), request, score);
    }

    /** Waits for the same call made by another thread; its failure becomes this caller's. */
    private ChatResponse join(CompletableFuture<ChatResponse> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ChatException ce) {
                throw ChatException.of(ce.failure(), ce.getMessage(), ce.httpStatus().orElse(0),
                        ce instanceof drp.core.chat.RetriableChatException r ? r.retryAfter().orElse(null) : null, ce);
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    public CallCache cache() {
        return cache;
    }

    @Override
    protected String describe() {
        return "Cached[" + mode + ", " + cache.file() + "]";
    }
}
