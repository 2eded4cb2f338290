package drp.tiny.io;

import drp.tiny.model.LlamaConfig;
import drp.tiny.model.Llama;
import drp.tiny.model.Parameters;
import drp.tiny.token.TokenType;
import drp.tiny.token.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Exports a model as a llama-architecture GGUF (F32) that llama.cpp loads: the hyperparameters under
 * {@code llama.*}, the vocabulary as a SentencePiece ("llama") tokenizer, and the tensors under
 * llama.cpp's names. Query and key weights are permuted from HuggingFace's rotate-half layout to
 * llama.cpp's interleaved rotary layout, exactly as convert_hf_to_gguf.py does; {@link GgufImport}
 * undoes it.
 */
public final class GgufExport {

    private GgufExport() {}

    public static void write(Llama model, Vocabulary vocabulary, String name, Path file) throws IOException {
        LlamaConfig c = model.config();
        if (c.vocabSize() != vocabulary.size()) {
            throw new IllegalArgumentException("the model has " + c.vocabSize() + " embeddings, the vocabulary "
                    + vocabulary.size() + " tokens");
        }
        GgufWriter w = new GgufWriter();
        w.string("general.architecture", "llama");
        w.string("general.name", name);
        w.u32("general.file_type", 0); // all F32
        w.u32("llama.vocab_size", c.vocabSize());
        w.u32("llama.context_length", c.contextLength());
        w.u32("llama.embedding_length", c.dim());
        w.u32("llama.block_count", c.layers());
        w.u32("llama.feed_forward_length", c.hiddenDim());
        w.u32("llama.attention.head_count", c.heads());
        w.u32("llama.attention.head_count_kv", c.heads());
        w.u32("llama.rope.dimension_count", c.headSize());
        w.f32("llama.rope.freq_base", c.ropeTheta());
        w.f32("llama.attention.layer_norm_rms_epsilon", c.rmsEps());

        w.string("tokenizer.ggml.model", "llama");
        w.strings("tokenizer.ggml.tokens", vocabulary.pieces());
        w.f32s("tokenizer.ggml.scores", vocabulary.scores());
        TokenType[] types = vocabulary.types();
        int[] codes = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            codes[i] = types[i].code();
        }
        w.i32s("tokenizer.ggml.token_type", codes);
        w.u32("tokenizer.ggml.bos_token_id", vocabulary.bos());
        w.u32("tokenizer.ggml.eos_token_id", vocabulary.eos());
        w.u32("tokenizer.ggml.unknown_token_id", vocabulary.unk());
        w.u32("tokenizer.ggml.padding_token_id", vocabulary.pad());
        w.bool("tokenizer.ggml.add_bos_token", false);
        w.bool("tokenizer.ggml.add_eos_token", false);
        w.bool("tokenizer.ggml.add_space_prefix", false);

        Parameters p = model.parameters();
        int dim = c.dim();
        int hidden = c.hiddenDim();
        w.tensor("token_embd.weight", new long[] {dim, c.vocabSize()}, slice(p, p.embed, c.vocabSize() * dim));
        for (int l = 0; l < c.layers(); l++) {
            String blk = "blk." + l + ".";
            w.tensor(blk + "attn_norm.weight", new long[] {dim}, slice(p, p.attnNorm + l * dim, dim));
            w.tensor(blk + "attn_q.weight", new long[] {dim, dim}, toInterleaved(slice(p, p.wq + l * dim * dim, dim * dim), c));
            w.tensor(blk + "attn_k.weight", new long[] {dim, dim}, toInterleaved(slice(p, p.wk + l * dim * dim, dim * dim), c));
            w.tensor(blk + "attn_v.weight", new long[] {dim, dim}, slice(p, p.wv + l * dim * dim, dim * dim));
            w.tensor(blk + "attn_output.weight", new long[] {dim, dim}, slice(p, p.wo + l * dim * dim, dim * dim));
            w.tensor(blk + "ffn_norm.weight", new long[] {dim}, slice(p, p.ffnNorm + l * dim, dim));
            w.tensor(blk + "ffn_gate.weight", new long[] {dim, hidden}, slice(p, p.wGate + l * hidden * dim, hidden * dim));
            w.tensor(blk + "ffn_up.weight", new long[] {dim, hidden}, slice(p, p.wUp + l * hidden * dim, hidden * dim));
            w.tensor(blk + "ffn_down.weight", new long[] {hidden, dim}, slice(p, p.wDown + l * dim * hidden, dim * hidden));
        }
        w.tensor("output_norm.weight", new long[] {dim}, slice(p, p.finalNorm, dim));
        if (!c.tiedEmbeddings()) {
            w.tensor("output.weight", new long[] {dim, c.vocabSize()}, slice(p, p.lmHead, c.vocabSize() * dim));
        }
        w.write(file);
    }

    private static float[] slice(Parameters p, int offset, int size) {
        float[] out = new float[size];
        System.arraycopy(p.data, offset, out, 0, size);
        return out;
    }

    /**
     * Rows of a (heads * hs, in) query/key weight reordered per head from [first halves, second
     * halves] to interleaved pairs: new row 2i + j = old row j * hs/2 + i.
     */
    static float[] toInterleaved(float[] w, LlamaConfig c) {
        return permuteRows(w, c, true);
    }

    /** The inverse of {@link #toInterleaved}. */
    static float[] fromInterleaved(float[] w, LlamaConfig c) {
        return permuteRows(w, c, false);
    }

    private static float[] permuteRows(float[] w, LlamaConfig c, boolean forward) {
        int hs = c.headSize();
        int half = hs / 2;
        int in = w.length / (c.heads() * hs);
        float[] out = new float[w.length];
        for (int h = 0; h < c.heads(); h++) {
            for (int i = 0; i < half; i++) {
                for (int j = 0; j < 2; j++) {
                    int hf = h * hs + j * half + i;   // rotate-half row
                    int gg = h * hs + 2 * i + j;      // interleaved row
                    int from = forward ? hf : gg;
                    int to = forward ? gg : hf;
                    System.arraycopy(w, from * in, out, to * in, in);
                }
            }
        }
        return out;
    }

    /** The tensor names this export writes, for tests. */
    static List<String> globalNames(boolean tied) {
        return tied ? List.of("token_embd.weight", "output_norm.weight")
                : List.of("token_embd.weight", "output_norm.weight", "output.weight");
    }
}
