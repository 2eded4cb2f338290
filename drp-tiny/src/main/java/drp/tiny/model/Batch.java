package drp.tiny.model;

/**
 * A training batch of B rows of T positions (all arrays are (B*T), row-major). A row packs whole
 * sequences back to back; {@code positions} restart at 0 and {@code segStart} names the row index
 * where each position's sequence starts, so attention and rotary positions never cross a
 * sequence. {@code weights} is the loss weight of predicting {@code targets} (0 outside replies
 * and on padding).
 */
public record Batch(int b, int t, int[] tokens, int[] targets, float[] weights, int[] positions, int[] segStart) {

    public Batch {
        int n = b * t;
        if (b <= 0 || t <= 0) {
            throw new IllegalArgumentException("batch: B and T must be positive, got " + b + ", " + t);
        }
        for (int[] array : new int[][] {tokens, targets, positions, segStart}) {
            if (array.length != n) {
                throw new IllegalArgumentException("batch: arrays must have B*T = " + n + " entries, got " + array.length);
            }
        }
        if (weights.length != n) {
            throw new IllegalArgumentException("batch: weights must have B*T = " + n + " entries, got " + weights.length);
        }
        for (int bi = 0; bi < b; bi++) {
            for (int ti = 0; ti < t; ti++) {
                int i = bi * t + ti;
                int s = segStart[i];
                boolean starts = s == ti;
                boolean continues = ti > 0 && s == segStart[i - 1] && s < ti;
                if (!(starts || continues) || positions[i] != ti - s) {
                    throw new IllegalArgumentException("batch: row " + bi + " position " + ti
                            + ": segStart " + s + " and position " + positions[i] + " do not describe back-to-back sequences");
                }
            }
        }
    }

    public int size() {
        return b * t;
    }

    /** The sum of the loss weights: the number of predicted tokens when weights are 0/1. */
    public double weightSum() {
        double sum = 0;
        for (float w : weights) {
            sum += w;
        }
        return sum;
    }
}
