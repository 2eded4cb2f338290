package drp.tiny.io;

import drp.tiny.model.LlamaConfig;
import drp.tiny.model.Parameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The HuggingFace Llama tensor names of the parameters ({@code model.layers.3.self_attn.q_proj.weight}
 * ...), each with its slice of the flat parameter array.
 */
public final class HfNames {

    /** One HuggingFace tensor: its name, shape, and where it lives in {@link Parameters#data}. */
    public record Slice(String name, int[] shape, int offset) {
        public int size() {
            int size = 1;
            for (int d : shape) {
                size *= d;
            }
            return size;
        }
    }

    private HfNames() {}

    /** All tensors in HuggingFace order; {@code lm_head.weight} is absent when embeddings are tied. */
    public static List<Slice> slices(Parameters p) {
        LlamaConfig c = p.config;
        int dim = c.dim();
        int hidden = c.hiddenDim();
        List<Slice> slices = new ArrayList<>();
        slices.add(new Slice("model.embed_tokens.weight", new int[] {c.vocabSize(), dim}, p.embed));
        for (int l = 0; l < c.layers(); l++) {
            String prefix = "model.layers." + l + ".";
            slices.add(new Slice(prefix + "input_layernorm.weight", new int[] {dim}, p.attnNorm + l * dim));
            slices.add(new Slice(prefix + "self_attn.q_proj.weight", new int[] {dim, dim}, p.wq + l * dim * dim));
            slices.add(new Slice(prefix + "self_attn.k_proj.weight", new int[] {dim, dim}, p.wk + l * dim * dim));
            slices.add(new Slice(prefix + "self_attn.v_proj.weight", new int[] {dim, dim}, p.wv + l * dim * dim));
            slices.add(new Slice(prefix + "self_attn.o_proj.weight", new int[] {dim, dim}, p.wo + l * dim * dim));
            slices.add(new Slice(prefix + "post_attention_layernorm.weight", new int[] {dim}, p.ffnNorm + l * dim));
            slices.add(new Slice(prefix + "mlp.gate_proj.weight", new int[] {hidden, dim}, p.wGate + l * hidden * dim));
            slices.add(new Slice(prefix + "mlp.up_proj.weight", new int[] {hidden, dim}, p.wUp + l * hidden * dim));
            slices.add(new Slice(prefix + "mlp.down_proj.weight", new int[] {dim, hidden}, p.wDown + l * dim * hidden));
        }
        slices.add(new Slice("model.norm.weight", new int[] {dim}, p.finalNorm));
        if (!c.tiedEmbeddings()) {
            slices.add(new Slice("lm_head.weight", new int[] {c.vocabSize(), dim}, p.lmHead));
        }
        return slices;
    }
}
