package drp.llm.chat;

import drp.core.chat.ChatFailure;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.core.chat.RetriableChatException;
import drp.core.chat.ScoreRequest;
import drp.core.chat.TargetScore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Spreads calls over several endpoints that serve the same model (vLLM or SGLang replicas): each
 * call goes to the replica with the fewest calls in flight, ties in turn. A replica whose connection
 * fails or times out is set aside for a cool-down while others are healthy, so the retry above it
 * lands elsewhere.
 */
public final class BalancedChatModel implements ChatModel {

    private static final class Replica {
        final ChatModel model;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong coolUntil;
        final AtomicLong served = new AtomicLong();

        Replica(ChatModel model, long now) {
            this.model = model;
            this.coolUntil = new AtomicLong(now);
        }
    }

    private final ModelId id;
    private final List<Replica> replicas;
    private final Ticker ticker;
    private final long cooldownNanos;
    private final AtomicInteger turn = new AtomicInteger();

    /**
     * @param id the group's identity (cache keys use it, so it must not depend on which replica answers)
     * @param cooldown how long a replica whose connection failed is avoided
     */
    public BalancedChatModel(ModelId id, List<? extends ChatModel> replicas, Duration cooldown, Ticker ticker) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a balanced model needs at least one replica");
        }
        this.id = id;
        this.replicas = new ArrayList<>();
        for (ChatModel m : replicas) {
            this.replicas.add(new Replica(m, ticker.nanos()));
        }
        this.cooldownNanos = cooldown.toNanos();
        this.ticker = ticker;
    }

    @Override
    public ModelId id() {
        return id;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return onOneReplica(model -> model.chat(request));
    }

    /** A score goes to one replica, picked as for a chat call: they serve the same weights. */
    @Override
    public TargetScore score(ScoreRequest request) {
        return onOneReplica(model -> model.score(request));
    }

    private <T> T onOneReplica(Function<ChatModel, T> call) {
        Replica replica = pick();
        replica.inFlight.incrementAndGet();
        try {
            T response = call.apply(replica.model);
            replica.served.incrementAndGet();
            return response;
        } catch (RetriableChatException e) {
            if (e.failure() == ChatFailure.CONNECTION || e.failure() == ChatFailure.TIMEOUT) {
                replica.coolUntil.set(ticker.nanos() + cooldownNanos);
            }
            throw e;
        } finally {
            replica.inFlight.decrementAndGet();
        }
    }

    private Replica pick() {
        long now = ticker.nanos();
        int n = replicas.size();
        int start = Math.floorMod(turn.getAndIncrement(), n);
        Replica best = null;
        boolean bestCooling = true;
        for (int i = 0; i < n; i++) {
            Replica r = replicas.get((start + i) % n);
            boolean cooling = r.coolUntil.get() - now > 0;
            if (best == null
                    || (bestCooling && !cooling)
                    || (bestCooling == cooling && r.inFlight.get() < best.inFlight.get())) {
                best = r;
                bestCooling = cooling;
            }
        }
        return best;
    }

    /** The replicas, in order. */
    public List<ChatModel> replicas() {
        return replicas.stream().map(r -> r.model).toList();
    }

    /** Calls each replica answered, in replica order. */
    public List<Long> served() {
        return replicas.stream().map(r -> r.served.get()).toList();
    }

    @Override
    public void close() {
        for (Replica r : replicas) {
            r.model.close();
        }
    }

    @Override
    public String toString() {
        return "Balanced[" + replicas.size() + " replicas] " + id;
    }
}
