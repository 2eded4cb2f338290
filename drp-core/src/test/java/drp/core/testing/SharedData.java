package drp.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the project's real test data in {@code ../shared/data}. Tests that need it call
 * {@link #require(String)}, which skips the test with a clear message when the data is absent, so
 * the build stays green on a machine without it.
 */
public final class SharedData {

    private SharedData() {}

    /** The shared data root: system property {@code drp.shared.data}, else {@code ../shared/data}. */
    public static Path root() {
        String configured = System.getProperty("drp.shared.data");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        // surefire runs in the module directory; the repository root is one up
        Path fromModule = Path.of("..", "..", "shared", "data").toAbsolutePath().normalize();
        return Files.isDirectory(fromModule) ? fromModule : Path.of("..", "shared", "data").toAbsolutePath().normalize();
    }

    /** The path of {@code relative} under the shared data root; skips the calling test when absent. */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        assumeTrue(Files.exists(path),
                () -> "skipped: needs ../shared/data/" + relative + " (not found at " + path + ")");
        return path;
    }

    /** The 153 real DeepSeek-R1-Distill-Llama-8B traces on MATH problems. */
    public static Path r1Traces() {
        return require("traces/r1-distill-llama-8b.math.jsonl");
    }

    /** The Qwen2 tokenizer directory (vocab.json, merges.txt, tokenizer.json). */
    public static Path qwen2Tokenizer() {
        return require("tokenizers/qwen2");
    }
}
