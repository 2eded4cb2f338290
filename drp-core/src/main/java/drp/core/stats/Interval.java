package drp.core.stats;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A closed interval {@code [low, high]}, e.g. a 95% confidence interval. Written to JSON as the
 * two-element array {@code [low, high]}.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"low", "high"})
public record Interval(double low, double high) {
    public Interval {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException("not an interval: [" + low + ", " + high + "]");
        }
    }

    public boolean contains(double x) {
        return low <= x && x <= high;
    }

    /** The interval with both ends multiplied by {@code factor} (e.g. 100 for percent). */
    public Interval scaled(double factor) {
        return factor >= 0 ? new Interval(low * factor, high * factor) : new Interval(high * factor, low * factor);
    }
}
