package drp.llm.gguf;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import de.kherud.llama.args.LogFormat;
import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import drp.core.chat.ChatMessage;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.chat.FinishReason;
import drp.core.chat.ModelId;
import drp.core.chat.NonRetriableChatException;
import drp.core.chat.Prompt;
import drp.core.chat.ResponseFormat;
import drp.core.chat.ScoreRequest;
import drp.core.chat.TargetScore;
import drp.core.chat.Usage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A GGUF model run in this process by llama.cpp, through the {@code de.kherud:llama} binding: no
 * server to start. Chat prompts are rendered with the model's chat template (or the one given in
 * {@link GgufOptions}), sampling honours temperature, top-p, seed, stop sequences, the token limit
 * and {@code n} (choice {@code i} is drawn with seed {@code seed + i}), JSON schemas become a
 * grammar, and vLLM's {@code top_k}, {@code min_p} and {@code repetition_penalty} are understood.
 * Log-probabilities are not available from the binding: asking for them is a bad request, and
 * {@link #score} is refused as unsupported.
 *
 * <p>One generation runs at a time (calls are serialized). Loading a model starts native threads
 * that keep the JVM alive after {@link #close()}; the {@code drp} command exits explicitly.
 */
public final class GgufChatModel implements ChatModel {

    /** Tokens generated when a request sets no limit. */
    static final int DEFAULT_MAX_TOKENS = 512;
    /** The binding's version, from its Maven metadata; {@code "unknown"} when that is not on the class path. */
    static final String BINDING_VERSION = bindingVersion();

    private final ModelId id;
    private final LlamaModel model;
    private final GgufOptions options;
    private boolean closed;

    /** Loads the model (native code; takes a while for large files). */
    public GgufChatModel(GgufOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        Path file = options.model().toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("gguf: no such model file " + file);
        }
        silenceNativeLogs();
        ModelParameters parameters = new ModelParameters().setModel(file.toString()).setCtxSize(options.contextSize())
                .setThreads(options.threads()).disableLog();
        if (options.gpuLayers() > 0) { // asking for none on a CPU-only build prints warnings
            parameters.setGpuLayers(options.gpuLayers());
        }
        if (options.chatTemplate() != null) {
            parameters.setChatTemplate(options.chatTemplate());
        }
        try {
            this.model = new LlamaModel(parameters);
        } catch (RuntimeException e) { // the binding's LlamaException is not public
            throw new IllegalArgumentException("gguf: cannot load " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString().replaceFirst("(?i)\\.gguf$", "");
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            size = -1;
        }
        // the path names the file, the size tells a replaced file apart, for cache keys
        this.id = new ModelId("gguf:" + file + "@" + size, name);
    }

    /**
     * The binding logs through llama.cpp and prints where it unpacked its library to standard output,
     * drp's data channel; both are turned off once, before the first model loads.
     */
    private static synchronized void silenceNativeLogs() {
        PrintStream out = System.out;
        try {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> { });
        } finally {
            System.setOut(out);
        }
    }

    @Override
    public ModelId id() {
        return id;
    }

    public GgufOptions options() {
        return options;
    }

    @Override
    public synchronized ChatResponse chat(ChatRequest request) {
        if (closed) {
            throw new NonRetriableChatException(ChatFailure.CANCELLED, "gguf: " + options.model() + " is closed", 0, null);
        }
        if (request.logprobs() != null) {
            throw bad("log-probabilities are not available from the in-process GGUF engine");
        }
        String prompt = prompt(request);
        int maxTokens = request.maxTokens() != null ? request.maxTokens() : DEFAULT_MAX_TOKENS;
        List<Choice> choices = new ArrayList<>(request.n());
        long completion = 0;
        try {
            long promptTokens = model.encode(prompt).length;
            for (int i = 0; i < request.n(); i++) {
                InferenceParameters p = parameters(request, prompt, maxTokens, i);
                StringBuilder text = new StringBuilder();
                int outputs = 0;
                String last = "";
                for (LlamaOutput o : model.generate(p)) {
                    outputs++;
                    last = o.text;
                    text.append(o.text);
                }
                // the binding streams one output per token, then a final one that closes the stream
                int tokens = outputs > 0 && last.isEmpty() ? outputs - 1 : outputs;
                completion += tokens;
                FinishReason finish = tokens >= maxTokens ? FinishReason.LENGTH : FinishReason.STOP;
                choices.add(Choice.of(i, text.toString(), null, finish, List.of()));
            }
            return new ChatResponse(id.model(), choices, new Usage(promptTokens, completion));
        } catch (ChatException e) {
            throw e;
        } catch (RuntimeException e) { // the binding's LlamaException is not public
            throw bad("llama.cpp refused the request: " + e.getMessage());
        }
    }

    private String prompt(ChatRequest request) {
        return switch (request.prompt()) {
            case Prompt.Text t -> t.text();
            case Prompt.Messages m -> {
                StringBuilder system = new StringBuilder();
                List<Pair<String, String>> turns = new ArrayList<>();
                for (ChatMessage message : m.messages()) {
                    if (message.role() == ChatMessage.Role.SYSTEM) {
                        system.append(system.isEmpty() ? "" : "\n\n").append(message.content());
                    } else {
                        turns.add(new Pair<>(message.role().wireName(), message.content()));
                    }
                }
                InferenceParameters p = new InferenceParameters("").setMessages(system.isEmpty() ? null : system.toString(), turns);
                yield model.applyTemplate(p);
            }
        };
    }

    private static InferenceParameters parameters(ChatRequest request, String prompt, int maxTokens, int choice) {
        InferenceParameters p = new InferenceParameters(prompt).setNPredict(maxTokens).setCachePrompt(true);
        if (request.temperature() != null) {
            p.setTemperature(request.temperature().floatValue());
        }
        if (request.topP() != null) {
            p.setTopP(request.topP().floatValue());
        }
        if (request.seed() != null) {
            p.setSeed((int) (request.seed() + choice));
        }
        if (!request.stop().isEmpty()) {
            p.setStopStrings(request.stop().toArray(String[]::new));
        }
        if (request.responseFormat() instanceof ResponseFormat.JsonSchema schema) {
            p.setGrammar(LlamaModel.jsonSchemaToGrammar(schema.schema()));
        }
        for (Map.Entry<String, Object> e : request.extra().entrySet()) {
            switch (e.getKey()) {
                case "top_k" -> p.setTopK(number(e).intValue());
                case "min_p" -> p.setMinP(number(e).floatValue());
                case "repetition_penalty" -> p.setRepeatPenalty(number(e).floatValue());
                default -> throw bad("engine parameter '" + e.getKey() + "' is not known to the in-process GGUF engine"
                        + " (known: top_k, min_p, repetition_penalty)");
            }
        }
        return p;
    }

    private static Number number(Map.Entry<String, Object> e) {
        if (e.getValue() instanceof Number n) {
            return n;
        }
        throw bad("engine parameter '" + e.getKey() + "' must be a number, got " + e.getValue());
    }

    private static ChatException bad(String message) {
        return new NonRetriableChatException(ChatFailure.BAD_REQUEST, "gguf: " + message, 0, null);
    }

    /**
     * Refused ({@code UNSUPPORTED}): the binding reports probabilities only of the tokens it
     * generates ({@code n_probs}, the top candidates at each step), never of the tokens of a given
     * prompt, and exposes no logits. Forcing the target a token at a time through {@code n_probs}
     * would need one generation per target token and a candidate list as large as the vocabulary,
     * matched by token text rather than id; serve the GGUF file with llama.cpp's or vLLM's server
     * instead, or score with the model's safetensors under vLLM.
     */
    @Override
    public TargetScore score(ScoreRequest request) {
        throw ChatModel.unsupportedScoring(id, "the llama.cpp binding (de.kherud:llama " + BINDING_VERSION
                + ") reports probabilities only of generated tokens (n_probs), not of the tokens of a given prompt");
    }

    private static String bindingVersion() {
        try (var in = LlamaModel.class.getResourceAsStream("/META-INF/maven/de.kherud/llama/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Frees the model's memory; a second call does nothing (the native side must be freed once). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }

    @Override
    public String toString() {
        return "Gguf[" + options.model() + "]";
    }
}
