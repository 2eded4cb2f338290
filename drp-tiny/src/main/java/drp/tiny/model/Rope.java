package drp.tiny.model;

/**
 * Rotary position embeddings in the HuggingFace Llama layout ("rotate half": dimension i of a head
 * pairs with i + hs/2). The GGUF export permutes the query and key weights into llama.cpp's
 * interleaved layout, as convert_hf_to_gguf.py does.
 */
public final class Rope {

    private final int headSize;
    private final float[] cos; // (contextLength, hs/2)
    private final float[] sin; // (contextLength, hs/2)

    public Rope(LlamaConfig config) {
        this.headSize = config.headSize();
        int half = headSize / 2;
        this.cos = new float[config.contextLength() * half];
        this.sin = new float[config.contextLength() * half];
        for (int pos = 0; pos < config.contextLength(); pos++) {
            for (int i = 0; i < half; i++) {
                double invFreq = 1.0 / StrictMath.pow(config.ropeTheta(), (2.0 * i) / headSize);
                double angle = pos * invFreq;
                cos[pos * half + i] = (float) StrictMath.cos(angle);
                sin[pos * half + i] = (float) StrictMath.sin(angle);
            }
        }
    }

    /** Rotates x (N, C) in place, row r at position positions[r]. */
    public void forward(float[] x, int[] positions, int n, int c) {
        rotate(x, positions, n, c, 1f);
    }

    /** The transpose of the rotation: rotates dx (N, C) back in place. */
    public void backward(float[] dx, int[] positions, int n, int c) {
        rotate(dx, positions, n, c, -1f);
    }

    private void rotate(float[] x, int[] positions, int n, int c, float direction) {
        int half = headSize / 2;
        Parallel.parallelFor(n, 16, (from, to) -> {
            for (int r = from; r < to; r++) {
                int table = positions[r] * half;
                for (int h = 0; h < c; h += headSize) {
                    int base = r * c + h;
                    for (int i = 0; i < half; i++) {
                        float x1 = x[base + i];
                        float x2 = x[base + i + half];
                        float co = cos[table + i];
                        float si = direction * sin[table + i];
                        x[base + i] = x1 * co - x2 * si;
                        x[base + i + half] = x2 * co + x1 * si;
                    }
                }
            }
        });
    }
}
