package drp.tiny.model;

/** The keys and values one sequence has computed so far, for decoding token by token. */
public final class KvCache {

    final float[][] keysT;  // (L, C, contextLength) after rotation, transposed: positions contiguous
    final float[][] values; // (L, contextLength, C)
    final int capacity;
    private int length;

    public KvCache(LlamaConfig config) {
        capacity = config.contextLength();
        keysT = new float[config.layers()][config.contextLength() * config.dim()];
        values = new float[config.layers()][config.contextLength() * config.dim()];
    }

    /** The number of positions cached. */
    public int length() {
        return length;
    }

    void advance(int count) {
        length += count;
    }

    /** Forgets everything (the arrays are reused). */
    public void clear() {
        length = 0;
    }
}
