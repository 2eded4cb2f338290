package drp.llm.meter;

import drp.core.chat.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Counts calls, tokens and cost per model; safe to share between threads and models. */
public final class UsageMeter {

    private static final class Totals {
        final LongAdder requests = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder promptTokens = new LongAdder();
        final LongAdder completionTokens = new LongAdder();
        final DoubleAdder cost = new DoubleAdder();
    }

    private final ConcurrentHashMap<String, Totals> byModel = new ConcurrentHashMap<>();

    /**
     * One answered call, live or batch, costed here at {@code price} so that every caller costs
     * its usage the same way.
     *
     * @param price the price of this kind of call (a batch call's is the discounted one)
     */
    public void record(String model, Usage usage, Price price) {
        Totals t = totals(model);
        t.requests.increment();
        t.promptTokens.add(usage.promptTokens());
        t.completionTokens.add(usage.completionTokens());
        t.cost.add(price.cost(usage));
    }

    /** One failed call. */
    public void recordFailure(String model) {
        totals(model).failures.increment();
    }

    /** Every model so far, by name. */
    public List<ModelUsage> snapshot() {
        List<ModelUsage> out = new ArrayList<>();
        byModel.forEach((model, t) -> out.add(new ModelUsage(model, t.requests.sum(), t.failures.sum(),
                t.promptTokens.sum(), t.completionTokens.sum(), t.cost.sum())));
        out.sort(Comparator.comparing(ModelUsage::model));
        return out;
    }

    public double totalCost() {
        double sum = 0;
        for (Totals t : byModel.values()) {
            sum += t.cost.sum();
        }
        return sum;
    }

    private Totals totals(String model) {
        return byModel.computeIfAbsent(model, m -> new Totals());
    }
}
