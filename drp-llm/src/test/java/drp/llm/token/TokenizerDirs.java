package drp.llm.token;

import drp.core.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tokenizer directories for tests: the shipped fixtures, and layouts assembled from links. */
final class TokenizerDirs {

    private TokenizerDirs() {}

    /** A fixture directory under src/test/resources/tokenizers. */
    static Path fixture(String name) {
        try {
            return Path.of(TokenizerDirs.class.getResource("/tokenizers/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A fresh directory {@code target/tokenizer-dirs/NAME} holding links to {@code files}, each
     * under its own file name: e.g. Qwen2's vocab.json and merges.txt without its tokenizer.json.
     */
    static Path linked(String name, Path... files) {
        try {
            Path dir = Path.of("target", "tokenizer-dirs", name).toAbsolutePath();
            if (Files.isDirectory(dir)) {
                try (var old = Files.list(dir)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(dir);
            for (Path file : files) {
                Files.createSymbolicLink(dir.resolve(file.getFileName()), file.toAbsolutePath());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared Qwen2 tokenizer, loaded once per test JVM from its tokenizer.json. */
    static HuggingFaceTokenCounter qwen2FromTokenizerJson() {
        SharedData.qwen2Tokenizer();
        return Qwen2.FROM_TOKENIZER_JSON;
    }

    /** The shared Qwen2 tokenizer, loaded once per test JVM from vocab.json + merges.txt. */
    static HuggingFaceTokenCounter qwen2FromVocabAndMerges() {
        SharedData.qwen2Tokenizer();
        return Qwen2.FROM_VOCAB_AND_MERGES;
    }

    /** Loaded on first use only, after SharedData has checked that the files exist. */
    private static final class Qwen2 {
        static final HuggingFaceTokenCounter FROM_TOKENIZER_JSON =
                TokenizerLoader.loadHuggingFace(SharedData.qwen2Tokenizer().resolve("tokenizer.json"));
        static final HuggingFaceTokenCounter FROM_VOCAB_AND_MERGES = TokenizerLoader.loadHuggingFace(linked("qwen2-bpe",
                SharedData.qwen2Tokenizer().resolve("vocab.json"), SharedData.qwen2Tokenizer().resolve("merges.txt")));
    }
}
