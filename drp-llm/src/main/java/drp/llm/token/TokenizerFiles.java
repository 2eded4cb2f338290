package drp.llm.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files that define one tokenizer, as found at a user-given path: either a HuggingFace
 * {@code tokenizer.json}, or a byte-level BPE {@code vocab.json} + {@code merges.txt}; in a
 * directory, optionally with a {@code tokenizer_config.json} that adds special tokens.
 */
public sealed interface TokenizerFiles {

    String TOKENIZER_JSON = "tokenizer.json";
    String VOCAB_JSON = "vocab.json";
    String MERGES_TXT = "merges.txt";
    String TOKENIZER_CONFIG_JSON = "tokenizer_config.json";

    /** A tokenizer directory's {@code tokenizer_config.json}, when there is one. */
    Optional<Path> config();

    /** A complete HuggingFace {@code tokenizer.json}. */
    record TokenizerJson(Path file, Optional<Path> config) implements TokenizerFiles {}

    /** A Qwen2-style byte-level BPE as {@code vocab.json} + {@code merges.txt}. */
    record VocabAndMerges(Path vocab, Path merges, Optional<Path> config) implements TokenizerFiles {}

    /**
     * Finds the tokenizer files at {@code path}: a {@code tokenizer.json} file itself, or a
     * directory holding {@code tokenizer.json} (preferred) or {@code vocab.json} +
     * {@code merges.txt}. A file given directly is used alone, as HuggingFace does.
     *
     * @throws TokenizerLoadException naming the path and the files that are missing
     */
    static TokenizerFiles locate(Path path) {
        if (Files.isRegularFile(path)) {
            return new TokenizerJson(path, Optional.empty());
        }
        if (!Files.isDirectory(path)) {
            throw new TokenizerLoadException(path, "no such file or directory (expected a tokenizer.json file or a"
                    + " directory with tokenizer.json, or vocab.json + merges.txt)");
        }
        Path config = path.resolve(TOKENIZER_CONFIG_JSON);
        Optional<Path> optionalConfig = Files.isRegularFile(config) ? Optional.of(config) : Optional.empty();
        Path json = path.resolve(TOKENIZER_JSON);
        if (Files.isRegularFile(json)) {
            return new TokenizerJson(json, optionalConfig);
        }
        Path vocab = path.resolve(VOCAB_JSON);
        Path merges = path.resolve(MERGES_TXT);
        boolean hasVocab = Files.isRegularFile(vocab);
        boolean hasMerges = Files.isRegularFile(merges);
        if (hasVocab && hasMerges) {
            return new VocabAndMerges(vocab, merges, optionalConfig);
        }
        String missing = hasVocab ? "merges.txt is missing (vocab.json needs it)"
                : hasMerges ? "vocab.json is missing (merges.txt needs it)"
                : "no tokenizer.json, and no vocab.json + merges.txt";
        throw new TokenizerLoadException(path, "not a tokenizer directory: " + missing);
    }
}
