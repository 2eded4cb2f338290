package drp.tiny.model;

/** The keys and values one sequence has computed so far, for decoding token by token. */
public final class KvCache {

    final float[][] keys;   // (L, contextLength, C) after rotation
    final float[][] values; // (L, contextLength, C)
    private int length;

    public KvCache(LlamaConfig config) {
        keys = new float[config.layers()][config.contextLength() * config.dim()];
        values = new float[config.layers()][config.contextLength() * config.dim()];
    }

    /** The number of positions cached. */
    public int length() {
        return length;
    }

    void advance() {
        length++;
    }

    /** Forgets everything (the arrays are reused). */
    public void clear() {
        length = 0;
    }
}
