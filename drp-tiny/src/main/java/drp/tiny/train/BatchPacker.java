package drp.tiny.train;

import drp.tiny.model.Batch;
import drp.tiny.token.ChatFormat.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Packs examples into batches of B rows of T positions, in a seeded order reshuffled every epoch.
 * An example of L tokens takes L-1 positions (inputs tokens[0..L-2], targets tokens[1..L-1]);
 * examples are laid back to back and a row's unused tail is padding with loss weight 0.
 */
public final class BatchPacker {

    private final List<Example> examples;
    private final int rows;
    private final int rowLength;
    private final int pad;
    private final long seed;
    private int[] order;
    private int cursor;
    private int epoch;
    private int lastPositions;

    public BatchPacker(List<Example> examples, int rows, int rowLength, int pad, long seed) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        for (int i = 0; i < examples.size(); i++) {
            if (examples.get(i).length() - 1 > rowLength) {
                throw new IllegalArgumentException("training example " + i + " has " + examples.get(i).length()
                        + " tokens; rows hold " + (rowLength + 1) + " (raise rowLength)");
            }
        }
        this.examples = List.copyOf(examples);
        this.rows = rows;
        this.rowLength = rowLength;
        this.pad = pad;
        this.seed = seed;
        shuffle();
    }

    /** Epochs started so far (1 during the first pass). */
    public int epoch() {
        return epoch;
    }

    private void shuffle() {
        epoch++;
        order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        cursor = 0;
    }

    /** Non-padding positions of the last batch: the training tokens it holds. */
    public int lastPositions() {
        return lastPositions;
    }

    /** The next batch. */
    public Batch next() {
        lastPositions = 0;
        int n = rows * rowLength;
        int[] tokens = new int[n];
        int[] targets = new int[n];
        float[] weights = new float[n];
        int[] positions = new int[n];
        int[] segStart = new int[n];
        for (int r = 0; r < rows; r++) {
            int t = 0;
            while (true) {
                if (cursor == order.length) {
                    shuffle();
                }
                Example example = examples.get(order[cursor]);
                int span = example.length() - 1;
                if (t + span > rowLength) {
                    break;
                }
                int[] ids = example.tokens();
                for (int i = 0; i < span; i++) {
                    int at = r * rowLength + t + i;
                    tokens[at] = ids[i];
                    targets[at] = ids[i + 1];
                    weights[at] = i + 1 >= example.promptLength() ? 1f : 0f;
                    positions[at] = i;
                    segStart[at] = t;
                }
                t += span;
                lastPositions += span;
                cursor++;
            }
            for (int i = t; i < rowLength; i++) {
                int at = r * rowLength + i;
                tokens[at] = pad;
                targets[at] = pad;
                positions[at] = i - t;
                segStart[at] = t;
            }
        }
        return new Batch(rows, rowLength, tokens, targets, weights, positions, segStart);
    }

    /** Packs {@code examples} once, in order, into as many batches as needed (for evaluation). */
    public static List<Batch> packAll(List<Example> examples, int rows, int rowLength, int pad) {
        BatchPacker packer = new BatchPacker(examples, rows, rowLength, pad, 0);
        for (int i = 0; i < packer.order.length; i++) {
            packer.order[i] = i;
        }
        List<Batch> batches = new ArrayList<>();
        while (packer.epoch == 1) {
            batches.add(packer.next());
        }
        return batches;
    }
}
