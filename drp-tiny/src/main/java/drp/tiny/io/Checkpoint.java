package drp.tiny.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.tiny.model.Llama;
import drp.tiny.model.LlamaConfig;
import drp.tiny.model.Parameters;
import drp.tiny.token.TokenizerFile;
import drp.tiny.token.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model directory as HuggingFace lays it out: {@code config.json} (a {@code LlamaConfig}),
 * {@code model.safetensors} with HuggingFace Llama tensor names, and the tokenizer
 * ({@code tiny_tokenizer.json}).
 */
public final class Checkpoint {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A loaded model and its vocabulary. */
    public record Loaded(Llama model, Vocabulary vocabulary) {}

    private Checkpoint() {}

    public static void save(Path dir, Llama model, Vocabulary vocabulary) throws IOException {
        Files.createDirectories(dir);
        LlamaConfig config = model.config();
        if (config.vocabSize() != vocabulary.size()) {
            throw new IllegalArgumentException("the model has " + config.vocabSize() + " embeddings, the vocabulary "
                    + vocabulary.size() + " tokens");
        }
        Files.writeString(dir.resolve(CONFIG), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(configJson(config, vocabulary)));
        Parameters p = model.parameters();
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (HfNames.Slice slice : HfNames.slices(p)) {
            float[] data = new float[slice.size()];
            System.arraycopy(p.data, slice.offset(), data, 0, data.length);
            tensors.put(slice.name(), new Safetensors.Tensor(slice.shape(), data));
        }
        Safetensors.write(dir.resolve(WEIGHTS), tensors, Map.of("format", "pt"));
        TokenizerFile.write(vocabulary, dir.resolve(TokenizerFile.FILE_NAME));
    }

    /** Opens one file of a checkpoint by name. */
    @FunctionalInterface
    public interface Source {
        InputStream open(String name) throws IOException;
    }

    public static Loaded load(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new IOException(dir + " is not a drp-tiny checkpoint: " + CONFIG + " is missing");
        }
        return load(name -> Files.newInputStream(dir.resolve(name)), dir.toString());
    }

    /** Loads from classpath resources under {@code prefix} (e.g. {@code drp/tiny/base/}). */
    public static Loaded loadResources(ClassLoader loader, String prefix) throws IOException {
        return load(name -> {
            InputStream in = loader.getResourceAsStream(prefix + name);
            if (in == null) {
                throw new IOException("classpath resource " + prefix + name + " is missing");
            }
            return in;
        }, "classpath:" + prefix);
    }

    public static Loaded load(Source source, String origin) throws IOException {
        String configFile = origin + "/" + CONFIG;
        LlamaConfig config;
        try (InputStream in = source.open(CONFIG)) {
            config = readConfig(JSON.readTree(in), configFile);
        }
        Vocabulary vocabulary;
        try (InputStream in = source.open(TokenizerFile.FILE_NAME)) {
            vocabulary = TokenizerFile.read(in, origin + "/" + TokenizerFile.FILE_NAME);
        }
        if (vocabulary.size() != config.vocabSize()) {
            throw new IOException(configFile + ": vocab_size " + config.vocabSize() + " but " + TokenizerFile.FILE_NAME
                    + " has " + vocabulary.size() + " tokens");
        }
        String weights = origin + "/" + WEIGHTS;
        Map<String, Safetensors.Tensor> tensors;
        try (InputStream in = source.open(WEIGHTS)) {
            tensors = Safetensors.read(in.readAllBytes(), weights);
        }
        Parameters p = new Parameters(config);
        for (HfNames.Slice slice : HfNames.slices(p)) {
            Safetensors.Tensor tensor = tensors.remove(slice.name());
            if (tensor == null) {
                throw new IOException(weights + ": tensor " + slice.name() + " is missing");
            }
            if (!java.util.Arrays.equals(tensor.shape(), slice.shape())) {
                throw new IOException(weights + ": tensor " + slice.name() + " has shape "
                        + java.util.Arrays.toString(tensor.shape()) + ", config.json implies " + java.util.Arrays.toString(slice.shape()));
            }
            System.arraycopy(tensor.data(), 0, p.data, slice.offset(), slice.size());
        }
        if (config.tiedEmbeddings()) {
            tensors.remove("lm_head.weight"); // some writers store the tied copy; it is the embedding
        }
        if (!tensors.isEmpty()) {
            throw new IOException(weights + ": unexpected tensors " + tensors.keySet());
        }
        return new Loaded(new Llama(config, p), vocabulary);
    }

    static ObjectNode configJson(LlamaConfig c, Vocabulary vocabulary) {
        ObjectNode node = JSON.createObjectNode();
        node.putArray("architectures").add("LlamaForCausalLM");
        node.put("model_type", "llama");
        node.put("vocab_size", c.vocabSize());
        node.put("hidden_size", c.dim());
        node.put("intermediate_size", c.hiddenDim());
        node.put("num_hidden_layers", c.layers());
        node.put("num_attention_heads", c.heads());
        node.put("num_key_value_heads", c.heads());
        node.put("head_dim", c.headSize());
        node.put("max_position_embeddings", c.contextLength());
        node.put("rms_norm_eps", c.rmsEps());
        node.put("rope_theta", c.ropeTheta());
        node.put("tie_word_embeddings", c.tiedEmbeddings());
        node.put("hidden_act", "silu");
        node.put("attention_bias", false);
        node.put("mlp_bias", false);
        node.put("bos_token_id", vocabulary.bos());
        node.put("eos_token_id", vocabulary.eos());
        node.put("pad_token_id", vocabulary.pad());
        node.put("torch_dtype", "float32");
        return node;
    }

    static LlamaConfig readConfig(JsonNode node, String source) throws IOException {
        if (!"llama".equals(node.path("model_type").asText())) {
            throw new IOException(source + ": model_type must be \"llama\", got \"" + node.path("model_type").asText() + "\"");
        }
        int heads = requireInt(node, "num_attention_heads", source);
        int kvHeads = node.has("num_key_value_heads") ? node.get("num_key_value_heads").asInt() : heads;
        if (kvHeads != heads) {
            throw new IOException(source + ": num_key_value_heads " + kvHeads + " differs from num_attention_heads "
                    + heads + "; drp-tiny has no grouped-query attention");
        }
        try {
            return new LlamaConfig(requireInt(node, "vocab_size", source), requireInt(node, "hidden_size", source),
                    requireInt(node, "num_hidden_layers", source), heads, requireInt(node, "intermediate_size", source),
                    requireInt(node, "max_position_embeddings", source),
                    (float) node.path("rope_theta").asDouble(10000.0), (float) node.path("rms_norm_eps").asDouble(1e-5),
                    node.path("tie_word_embeddings").asBoolean(false));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static int requireInt(JsonNode node, String field, String source) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IOException(source + ": field " + field + " must be an integer");
        }
        return value.asInt();
    }
}
