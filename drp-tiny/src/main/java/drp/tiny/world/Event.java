package drp.tiny.world;

import java.util.List;

/**
 * One sentence of a problem's story and the steps it takes to account for it.
 *
 * @param sentence the sentence in the question, e.g. {@code Mia buys 5 more apples.}
 * @param clause   the same fact as a clause a trace can restate, e.g. {@code Mia buys 5 more apples}
 * @param product  for events that bring groups (3 bags of 4), how a trace names the product, e.g.
 *                 {@code 3 bags with 4 apples each}; empty otherwise
 * @param steps    0 (a plain start), 1, or 2 (a product, then its use)
 */
public record Event(String sentence, String clause, String product, List<Step> steps) {
    public Event {
        steps = List.copyOf(steps);
        if (steps.size() > 2) {
            throw new IllegalArgumentException("an event takes at most 2 steps: " + sentence);
        }
    }
}
