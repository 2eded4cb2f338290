package drp.llm.meter;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Prices by model name, from the config file's {@code prices:} section. */
public record PriceTable(Map<String, Price> prices) {

    public static final PriceTable EMPTY = new PriceTable(Map.of());

    public PriceTable {
        prices = Map.copyOf(new TreeMap<>(prices));
    }

    /** The model's price: an exact name first, then the longest listed prefix ({@code gpt-4o} for {@code gpt-4o-2024-08-06}). */
    public Optional<Price> priceOf(String model) {
        Price exact = prices.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String name : prices.keySet()) {
            if (model.startsWith(name) && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return Optional.ofNullable(best).map(prices::get);
    }
}
