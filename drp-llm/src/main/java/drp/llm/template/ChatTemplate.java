package drp.llm.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import jinjava.javax.el.CompositeELResolver;

/**
 * A model's Jinja2 chat template, rendered as {@code transformers}' {@code apply_chat_template}
 * does: Jinja with {@code trim_blocks} and {@code lstrip_blocks}, the variables {@code messages},
 * {@code add_generation_prompt} and the special tokens ({@code bos_token}, {@code eos_token}...),
 * {@code raise_exception(message)}, and Python's string methods ({@code split}, {@code strip},
 * {@code startswith}...). The engine is Jinjava (see docs/decisions.md, "Chat templates").
 *
 * <p>Where it comes from ({@link #load}): a folder with {@code chat_template.jinja} (which
 * {@code transformers} prefers) or a {@code tokenizer_config.json} with {@code chat_template}; or
 * such a file itself. The special tokens come from the {@code tokenizer_config.json} beside it.
 */
public final class ChatTemplate {

    /** A template that cannot be found, read or rendered; the message says why. */
    public static final class TemplateException extends IllegalArgumentException {
        public TemplateException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SPECIAL = List.of("bos_token", "eos_token", "pad_token", "unk_token");

    private final String source;
    private final String text;
    private final Map<String, String> specialTokens;
    private final Jinjava jinja;

    public ChatTemplate(String source, String text, Map<String, String> specialTokens) {
        this.source = Objects.requireNonNull(source, "source");
        this.text = Objects.requireNonNull(text, "text");
        this.specialTokens = Map.copyOf(specialTokens);
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStrings());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        this.jinja = new Jinjava(JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withKeepTrailingNewline(true)
                .withElResolver(resolver)
                .build());
        jinja.getGlobalContext().registerFunction(
                new ELFunctionDefinition("", "raise_exception", ChatTemplate.class, "raiseException", String.class));
    }

    /** Called by templates: {@code raise_exception('...')} stops rendering with that message. */
    public static String raiseException(String message) {
        throw new TemplateException("the chat template raised: " + message);
    }

    /**
     * Loads the template at {@code path}: a folder ({@code chat_template.jinja}, else
     * {@code tokenizer_config.json}'s {@code chat_template}), a {@code .jinja} file, or a
     * {@code tokenizer_config.json}.
     */
    public static ChatTemplate load(Path path) {
        Path config;
        Path jinjaFile;
        if (Files.isDirectory(path)) {
            config = path.resolve("tokenizer_config.json");
            jinjaFile = path.resolve("chat_template.jinja");
        } else if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".json")) {
            config = path;
            jinjaFile = null;
        } else if (Files.isRegularFile(path)) {
            config = path.toAbsolutePath().getParent().resolve("tokenizer_config.json");
            jinjaFile = path;
        } else {
            throw new TemplateException("no chat template at " + path + ": name a folder with chat_template.jinja or "
                    + "tokenizer_config.json, or one of those files");
        }
        JsonNode root = Files.isRegularFile(config) ? readJson(config) : JSON.createObjectNode();
        Map<String, String> special = new LinkedHashMap<>();
        for (String name : SPECIAL) {
            JsonNode v = root.path(name);
            String content = v.isTextual() ? v.asText() : v.path("content").isTextual() ? v.path("content").asText() : null;
            if (content != null) {
                special.put(name, content);
            }
        }
        if (jinjaFile != null && Files.isRegularFile(jinjaFile)) {
            return new ChatTemplate(jinjaFile.toString(), read(jinjaFile), special);
        }
        JsonNode t = root.path("chat_template");
        if (t.isArray()) {
            for (JsonNode named : t) {
                if ("default".equals(named.path("name").asText())) {
                    t = named.path("template");
                }
            }
        }
        if (!t.isTextual()) {
            throw new TemplateException(config + " has no chat_template (a string, or a list with one named default)"
                    + (jinjaFile == null ? "" : ", and there is no " + jinjaFile.getFileName() + " beside it"));
        }
        return new ChatTemplate(config + " (chat_template)", t.asText(), special);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new TemplateException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new TemplateException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Where the template was read from. */
    public String source() {
        return source;
    }

    /** The template's text. */
    public String text() {
        return text;
    }

    /** A special token of the tokenizer config ({@code bos_token}, {@code eos_token}...), if named. */
    public Optional<String> specialToken(String name) {
        return Optional.ofNullable(specialTokens.get(name));
    }

    /** A copy whose {@code eos_token} is {@code eos} (for a template whose config does not name it). */
    public ChatTemplate withEos(String eos) {
        Map<String, String> special = new HashMap<>(specialTokens);
        special.put("eos_token", eos);
        return new ChatTemplate(source, text, special);
    }

    /**
     * Renders {@code messages} (each a map with {@code role} and {@code content}).
     *
     * @throws TemplateException when the template fails; the message carries Jinja's error
     */
    public String render(List<Map<String, Object>> messages, boolean addGenerationPrompt) {
        Map<String, Object> vars = new HashMap<>(specialTokens);
        vars.put("messages", messages);
        vars.put("add_generation_prompt", addGenerationPrompt);
        var result = jinja.renderForResult(source(text), vars);
        for (TemplateError e : result.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                Throwable cause = e.getException();
                while (cause != null && !(cause instanceof TemplateException)) {
                    cause = cause.getCause();
                }
                throw new TemplateException(cause != null ? cause.getMessage()
                        : "the chat template " + source + " failed at line " + e.getLineno() + ": " + e.getMessage());
            }
        }
        return result.getOutput();
    }

    /*
     * Jinja2 (keep_trailing_newline off, as transformers leaves it) drops one newline at the end of
     * the template's source; Jinjava's switch strips it from the output instead, which would eat a
     * newline the template writes (R1-Distill's generation prompt ends with one).
     */
    private static String source(String text) {
        return expressionWhitespaceControl(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    }

    private static final java.util.regex.Pattern STRIP_BEFORE = java.util.regex.Pattern.compile("\\s*\\{\\{-");
    private static final java.util.regex.Pattern STRIP_AFTER = java.util.regex.Pattern.compile("-\\}\\}\\s*");

    /**
     * Applies Jinja's whitespace control on expression tags, which Jinjava (2.8) parses but ignores:
     * an expression opened with a dash strips all whitespace before it, one closed with a dash all
     * whitespace after it, as the dash forms of statement tags do. Hugging Face templates indent
     * their logic and rely on it (Qwen2.5's renders with stray indentation without it;
     * ShippedTemplatesRenderingTest compares with the reference renderer).
     */
    static String expressionWhitespaceControl(String text) {
        String stripped = STRIP_BEFORE.matcher(text).replaceAll("{{");
        return STRIP_AFTER.matcher(stripped).replaceAll("}}");
    }

    /** One message as templates read it. */
    public static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }
}
