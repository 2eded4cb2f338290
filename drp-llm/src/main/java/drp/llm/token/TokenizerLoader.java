package drp.llm.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one entry point to exact token counting: {@code TokenizerLoader.load(path)} takes what a
 * user names with {@code --tokenizer} and returns a counter.
 *
 * <ul>
 *   <li>a {@code tokenizer.json} file: used as is;
 *   <li>a directory with {@code tokenizer.json}: that file, plus the added and special tokens of
 *       a {@code tokenizer_config.json} beside it;
 *   <li>a directory with {@code vocab.json} + {@code merges.txt} (and no tokenizer.json): the
 *       Qwen2 byte-level BPE those files define, plus the {@code tokenizer_config.json} tokens.
 * </ul>
 *
 * Added and special tokens (e.g. {@code <think>}, {@code <｜end▁of▁sentence｜>}) then count as
 * one token each, as in {@code transformers}. vocab.json + merges.txt are read as Qwen2 (its
 * pre-tokenizer split and NFC); a BPE of another family must come as its own tokenizer.json.
 */
public final class TokenizerLoader {

    /** Jackson only when a tokenizer_config.json or vocab.json must be read (not for a plain tokenizer.json). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private TokenizerLoader() {}

    /**
     * Loads the tokenizer at {@code path} for counting. The counter's name is the tokenizer's
     * directory name (e.g. {@code qwen2}). A tokenizer.json of the byte-level BPE family that
     * {@link ByteLevelBpeCounter} reproduces exactly (Qwen2, Llama-3 style) gets that pure-Java
     * counter, loaded from drp's binary cache when it holds this exact file; any other tokenizer
     * (and vocab.json + merges.txt) gets the Rust library, {@link HuggingFaceTokenCounter}. Close it
     * when done.
     *
     * @throws TokenizerLoadException when files are missing or malformed; the message names the
     *     file and, where it can, the line or field
     */
    public static ExactTokenCounter load(Path path) {
        TokenizerFiles files = TokenizerFiles.locate(path);
        if (files instanceof TokenizerFiles.TokenizerJson json) {
            // no Optional.map lambda: the plain tokenizer.json load stays free of lambda bootstraps
            List<AddedToken> added = json.config().isPresent()
                    ? AddedTokens.fromConfig(readObject(json.config().get()), json.config().get())
                    : List.of();
            ExactTokenCounter fast = ByteLevelBpeLoader.tryLoad(nameOf(path), json.file(), added,
                    ByteLevelBpeCache.configured(), true);
            if (fast != null) {
                return fast;
            }
        }
        return load(path, null);
    }

    /**
     * Loads the tokenizer at {@code path} into the Rust library, always: for token ids
     * ({@link HuggingFaceTokenCounter#encode}), and as the reference the fast counter is tested
     * against.
     */
    public static HuggingFaceTokenCounter loadHuggingFace(Path path) {
        return load(path, null);
    }

    /**
     * Loads the tokenizer at {@code path}, with the added and special tokens of
     * {@code extraConfig} (a {@code tokenizer_config.json}, e.g. the one beside a chat template
     * whose special tokens the base tokenizer lacks) after its own; {@code null} for none. Always
     * the Rust library: the callers of this form render chat templates and need token ids.
     */
    public static HuggingFaceTokenCounter load(Path path, Path extraConfig) {
        TokenizerFiles files = TokenizerFiles.locate(path);
        if (extraConfig == null && files instanceof TokenizerFiles.TokenizerJson json && json.config().isEmpty()) {
            return loadPlain(nameOf(path), json.file());
        }
        List<AddedToken> own =
                files.config().map(config -> AddedTokens.fromConfig(readObject(config), config)).orElse(List.of());
        List<AddedToken> added = extraConfig == null ? own : concat(own,
                AddedTokens.fromConfig(readObject(extraConfig), extraConfig));
        String name = nameOf(path);
        return switch (files) {
            case TokenizerFiles.TokenizerJson(Path file, var config) when added.isEmpty() ->
                    HuggingFaceTokenCounter.fromJson(name, readJsonText(file), file);
            case TokenizerFiles.TokenizerJson(Path file, var config) -> {
                ObjectNode tree = readObject(file);
                AddedTokens.addTo(tree, added);
                yield HuggingFaceTokenCounter.fromJson(name, tree.toString(), file);
            }
            case TokenizerFiles.VocabAndMerges(Path vocab, Path merges, var config) -> {
                ObjectNode tree = Qwen2TokenizerJson.assemble(vocab, merges);
                AddedTokens.addTo(tree, added);
                yield HuggingFaceTokenCounter.fromJson(name, tree.toString(), vocab.getParent());
            }
        };
    }

    /*
     * A tokenizer.json used as is: the hot path of `drp tokens` and of every stage that counts.
     * The native library loads on a second thread while this one reads the file; no Jackson, no
     * lambdas, no pattern switch on the way (each costs tens of milliseconds in a fresh JVM).
     */
    private static HuggingFaceTokenCounter loadPlain(String name, Path file) {
        Thread library = new Thread(new LibraryLoader(), "drp-tokenizer-library");
        library.setDaemon(true);
        library.start();
        String text = readJsonText(file);
        try {
            library.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return HuggingFaceTokenCounter.fromJson(name, text, file);
    }

    /** Loads the native library; a failure is reported by {@code fromJson}, which tries again. */
    private static final class LibraryLoader implements Runnable {
        @Override
        public void run() {
            try {
                DjlRuntime.prepare();
            } catch (RuntimeException | LinkageError e) {
                // fromJson prepares again and reports it
            }
        }
    }

    private static List<AddedToken> concat(List<AddedToken> a, List<AddedToken> b) {
        List<AddedToken> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** {@code qwen2} for {@code .../qwen2} and {@code .../qwen2/tokenizer.json}. */
    static String nameOf(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path named = Files.isRegularFile(absolute) && absolute.getParent() != null ? absolute.getParent() : absolute;
        Path fileName = named.getFileName();
        return fileName == null ? absolute.toString() : fileName.toString();
    }

    private static String readJsonText(Path file) {
        try {
            return Files.readString(file);
        } catch (MalformedInputException e) {
            throw new TokenizerLoadException(file, "not valid UTF-8", e);
        } catch (IOException e) {
            throw new TokenizerLoadException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static ObjectNode readObject(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw TokenizerLoadException.malformedJson(file, e);
        } catch (IOException e) {
            throw new TokenizerLoadException(file, "cannot read: " + e.getMessage(), e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new TokenizerLoadException(file, "expected a JSON object");
        }
        return object;
    }
}
