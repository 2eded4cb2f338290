package drp.llm.gguf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a GGUF model is loaded in-process.
 *
 * @param model        the GGUF file
 * @param contextSize  tokens of context (prompt and output together)
 * @param threads      CPU threads for generation
 * @param gpuLayers    layers offloaded to a GPU, when llama.cpp was built with one (0: CPU only)
 * @param chatTemplate a chat template to use instead of the file's own (a llama.cpp template name
 *                     such as {@code chatml} or {@code llama3}, or Jinja text); null for the file's,
 *                     which llama.cpp replaces by ChatML when the file has none
 */
public record GgufOptions(Path model, int contextSize, int threads, int gpuLayers, String chatTemplate) {

    public GgufOptions {
        Objects.requireNonNull(model, "model");
        if (contextSize < 16) {
            throw new IllegalArgumentException("gguf " + model + ": context size must be >= 16, got " + contextSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("gguf " + model + ": threads must be >= 1, got " + threads);
        }
        if (gpuLayers < 0) {
            throw new IllegalArgumentException("gguf " + model + ": gpu layers must be >= 0, got " + gpuLayers);
        }
    }

    /** 4,096 tokens of context, every processor, CPU only, the file's own template. */
    public static GgufOptions of(Path model) {
        return new GgufOptions(model, 4096, Runtime.getRuntime().availableProcessors(), 0, null);
    }

    /**
     * Reads {@code PATH[?ctx=N&threads=N&gpu_layers=N&template=NAME]}, the location of a
     * {@code gguf:} endpoint.
     */
    public static GgufOptions parse(String location) {
        int q = location.indexOf('?');
        Path path = Path.of(q < 0 ? location : location.substring(0, q));
        if (location.isBlank() || !Files.isRegularFile(path)) {
            throw new IllegalArgumentException("gguf:" + location + ": no such model file " + path.toAbsolutePath());
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : location.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("gguf:" + location + ": '" + pair + "' is not NAME=VALUE");
                }
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        GgufOptions o = of(path);
        int ctx = o.contextSize();
        int threads = o.threads();
        int gpu = o.gpuLayers();
        String template = null;
        for (Map.Entry<String, String> e : params.entrySet()) {
            switch (e.getKey()) {
                case "ctx" -> ctx = number(location, e);
                case "threads" -> threads = number(location, e);
                case "gpu_layers" -> gpu = number(location, e);
                case "template" -> template = e.getValue();
                default -> throw new IllegalArgumentException("gguf:" + location + ": unknown option '" + e.getKey()
                        + "' (known: ctx, threads, gpu_layers, template)");
            }
        }
        return new GgufOptions(path, ctx, threads, gpu, template);
    }

    private static int number(String location, Map.Entry<String, String> e) {
        try {
            return Integer.parseInt(e.getValue());
        } catch (NumberFormatException bad) {
            throw new IllegalArgumentException("gguf:" + location + ": " + e.getKey() + " must be a whole number, got '"
                    + e.getValue() + "'");
        }
    }
}
