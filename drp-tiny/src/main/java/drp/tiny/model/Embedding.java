package drp.tiny.model;

/** Token embedding lookup. */
public final class Embedding {

    private Embedding() {}

    /** out (N, C) = embed[tokens[r]] */
    public static void forward(float[] out, int[] tokens, float[] embed, int embedOff, int n, int c, int vocab) {
        for (int r = 0; r < n; r++) {
            int token = tokens[r];
            if (token < 0 || token >= vocab) {
                throw new IllegalArgumentException("token id " + token + " at position " + r + " is outside the vocabulary of " + vocab);
            }
            System.arraycopy(embed, embedOff + token * c, out, r * c, c);
        }
    }

    /** dembed[tokens[r]] += dout[r], in row order (rows sharing a token add up deterministically). */
    public static void backward(float[] dembed, int dembedOff, float[] dout, int[] tokens, int n, int c) {
        for (int r = 0; r < n; r++) {
            int base = dembedOff + tokens[r] * c;
            for (int i = 0; i < c; i++) {
                dembed[base + i] += dout[r * c + i];
            }
        }
    }
}
