package drp.llm.token;

import ai.djl.engine.EngineException;
import java.nio.file.Path;

/**
 * What DJL needs before its first tokenizer, and how its failures read.
 *
 * <p>The native library ships inside the {@code ai.djl.huggingface:tokenizers} jar (Linux x86_64
 * and aarch64, macOS aarch64, Windows x86_64) and is extracted on first use to
 * {@code ~/.djl.ai/tokenizers/} ({@code DJL_CACHE_DIR} or {@code ENGINE_CACHE_DIR} move it);
 * nothing is downloaded. DJL would also "call home" on its first tokenizer (EC2 metadata
 * look-ups, then a telemetry request); counting tokens must not touch the network, so tracking
 * is opted out unless the user has set {@code OPT_OUT_TRACKING} themselves.
 */
final class DjlRuntime {

    private static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

    private DjlRuntime() {}

    static void prepare() {
        if (System.getenv(OPT_OUT_TRACKING) == null && System.getProperty(OPT_OUT_TRACKING) == null) {
            System.setProperty(OPT_OUT_TRACKING, "true");
        }
    }

    /** Maps an exception from building a native tokenizer to a message that names its source. */
    static RuntimeException loadFailure(Path source, RuntimeException e) {
        if (e instanceof EngineException) {
            return nativeLibraryFailure(e.getCause() != null ? e.getCause() : e);
        }
        return new TokenizerLoadException(source, "not a valid HuggingFace tokenizer: " + e.getMessage(), e);
    }

    /** The native library could not be extracted or linked (e.g. a platform the jar does not carry). */
    static IllegalStateException nativeLibraryFailure(Throwable cause) {
        return new IllegalStateException("the DJL HuggingFace tokenizers native library did not load (it is extracted"
                + " from the tokenizers jar to ~/.djl.ai/tokenizers, or to $DJL_CACHE_DIR, for " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + "): " + cause, cause);
    }
}
