package drp.tiny.io;

import drp.tiny.model.Llama;
import drp.tiny.model.LlamaConfig;
import drp.tiny.model.Parameters;
import drp.tiny.token.TokenType;
import drp.tiny.token.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a llama-architecture GGUF with F32/F16/BF16 tensors into a drp-tiny model (and its
 * SentencePiece vocabulary, when the file has one): the inverse of {@link GgufExport}.
 */
public final class GgufImport {

    /** A loaded model; the vocabulary is null when the file's tokenizer is not SentencePiece. */
    public record Loaded(Llama model, Vocabulary vocabulary, GgufFile file) {}

    private GgufImport() {}

    public static Loaded read(Path path) throws IOException {
        GgufFile f = GgufFile.read(path);
        Object arch = f.require("general.architecture");
        if (!"llama".equals(arch)) {
            throw new IOException(path + ": general.architecture is " + arch + "; only llama is supported");
        }
        int heads = (int) f.requireLong("llama.attention.head_count");
        long kvHeads = f.metadata().get("llama.attention.head_count_kv") instanceof Long k ? k : heads;
        if (kvHeads != heads) {
            throw new IOException(path + ": llama.attention.head_count_kv " + kvHeads + " differs from head_count "
                    + heads + "; drp-tiny has no grouped-query attention");
        }
        int dim = (int) f.requireLong("llama.embedding_length");
        GgufFile.TensorInfo embedInfo = f.tensors().get("token_embd.weight");
        if (embedInfo == null) {
            throw new IOException(path + ": tensor token_embd.weight is missing");
        }
        int vocab = (int) embedInfo.dims()[1];
        boolean tied = !f.tensors().containsKey("output.weight");
        double eps = f.metadata().get("llama.attention.layer_norm_rms_epsilon") instanceof Double d ? d : 1e-5;
        double theta = f.metadata().get("llama.rope.freq_base") instanceof Double d ? d : 10000.0;
        LlamaConfig c;
        try {
            c = new LlamaConfig(vocab, dim, (int) f.requireLong("llama.block_count"), heads,
                    (int) f.requireLong("llama.feed_forward_length"), (int) f.requireLong("llama.context_length"),
                    (float) theta, (float) eps, tied);
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
        Parameters p = new Parameters(c);
        int hidden = c.hiddenDim();
        copy(f, "token_embd.weight", p, p.embed, vocab * dim);
        for (int l = 0; l < c.layers(); l++) {
            String blk = "blk." + l + ".";
            copy(f, blk + "attn_norm.weight", p, p.attnNorm + l * dim, dim);
            System.arraycopy(GgufExport.fromInterleaved(floats(f, blk + "attn_q.weight", dim * dim), c), 0, p.data, p.wq + l * dim * dim, dim * dim);
            System.arraycopy(GgufExport.fromInterleaved(floats(f, blk + "attn_k.weight", dim * dim), c), 0, p.data, p.wk + l * dim * dim, dim * dim);
            copy(f, blk + "attn_v.weight", p, p.wv + l * dim * dim, dim * dim);
            copy(f, blk + "attn_output.weight", p, p.wo + l * dim * dim, dim * dim);
            copy(f, blk + "ffn_norm.weight", p, p.ffnNorm + l * dim, dim);
            copy(f, blk + "ffn_gate.weight", p, p.wGate + l * hidden * dim, hidden * dim);
            copy(f, blk + "ffn_up.weight", p, p.wUp + l * hidden * dim, hidden * dim);
            copy(f, blk + "ffn_down.weight", p, p.wDown + l * dim * hidden, dim * hidden);
        }
        copy(f, "output_norm.weight", p, p.finalNorm, dim);
        if (!tied) {
            copy(f, "output.weight", p, p.lmHead, vocab * dim);
        }
        return new Loaded(new Llama(c, p), vocabulary(f), f);
    }

    private static float[] floats(GgufFile f, String name, int expected) throws IOException {
        float[] data = f.floats(name);
        if (data.length != expected) {
            throw new IOException(f.path() + ": tensor " + name + " has " + data.length + " values, the config implies " + expected);
        }
        return data;
    }

    private static void copy(GgufFile f, String name, Parameters p, int offset, int size) throws IOException {
        System.arraycopy(floats(f, name, size), 0, p.data, offset, size);
    }

    /** The SentencePiece vocabulary of the file, or null for other tokenizers. */
    static Vocabulary vocabulary(GgufFile f) throws IOException {
        if (!"llama".equals(f.metadata().get("tokenizer.ggml.model"))) {
            return null;
        }
        List<?> tokens = (List<?>) f.require("tokenizer.ggml.tokens");
        List<?> scores = f.metadata().get("tokenizer.ggml.scores") instanceof List<?> s ? s : null;
        List<?> types = f.metadata().get("tokenizer.ggml.token_type") instanceof List<?> t ? t : null;
        List<String> pieces = new ArrayList<>(tokens.size());
        float[] scoreArray = new float[tokens.size()];
        TokenType[] typeArray = new TokenType[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            pieces.add((String) tokens.get(i));
            scoreArray[i] = scores == null ? 0f : (float) (double) (Double) scores.get(i);
            typeArray[i] = types == null ? TokenType.NORMAL : TokenType.of((int) (long) (Long) types.get(i));
        }
        return Vocabulary.lenient(pieces, scoreArray, typeArray);
    }
}
