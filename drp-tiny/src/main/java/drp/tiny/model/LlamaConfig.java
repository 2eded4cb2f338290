package drp.tiny.model;

/**
 * The sizes of a Llama-architecture decoder. Shapes in this package use one legend:
 * B = batch rows, T = time (positions per row), C = channels ({@code dim}), NH = heads,
 * hs = head size (C / NH), H = hidden size of the feed-forward, V = vocabulary, L = layers.
 *
 * @param vocabSize      V
 * @param dim            C
 * @param layers         L
 * @param heads          NH (query and key/value heads alike: no grouped-query attention)
 * @param hiddenDim      H, the SwiGLU width
 * @param contextLength  the most positions a sequence may have
 * @param ropeTheta      the rotary base frequency
 * @param rmsEps         the RMSNorm epsilon
 * @param tiedEmbeddings whether the output projection reuses the token embedding
 */
public record LlamaConfig(int vocabSize, int dim, int layers, int heads, int hiddenDim, int contextLength,
                          float ropeTheta, float rmsEps, boolean tiedEmbeddings) {

    public LlamaConfig {
        require(vocabSize > 0, "vocabSize must be positive, got " + vocabSize);
        require(dim > 0 && heads > 0 && dim % heads == 0, "dim must be a positive multiple of heads, got dim "
                + dim + ", heads " + heads);
        require((dim / heads) % 2 == 0, "head size must be even for rotary embeddings, got " + dim / heads);
        require(layers > 0, "layers must be positive, got " + layers);
        require(hiddenDim > 0, "hiddenDim must be positive, got " + hiddenDim);
        require(contextLength > 1, "contextLength must be at least 2, got " + contextLength);
        require(ropeTheta > 0, "ropeTheta must be positive, got " + ropeTheta);
        require(rmsEps > 0, "rmsEps must be positive, got " + rmsEps);
    }

    /** hs */
    public int headSize() {
        return dim / heads;
    }

    public LlamaConfig withContextLength(int length) {
        return new LlamaConfig(vocabSize, dim, layers, heads, hiddenDim, length, ropeTheta, rmsEps, tiedEmbeddings);
    }

    public LlamaConfig withVocabSize(int size) {
        return new LlamaConfig(size, dim, layers, heads, hiddenDim, contextLength, ropeTheta, rmsEps, tiedEmbeddings);
    }

    /** The number of parameters. */
    public long parameterCount() {
        long perLayer = 2L * dim + 4L * dim * dim + 3L * dim * hiddenDim;
        return (long) vocabSize * dim * (tiedEmbeddings ? 1 : 2) + layers * perLayer + dim;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("LlamaConfig: " + message);
        }
    }
}
