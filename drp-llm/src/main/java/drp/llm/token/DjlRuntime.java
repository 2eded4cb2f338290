package drp.llm.token;

import ai.djl.engine.EngineException;
import ai.djl.huggingface.tokenizers.jni.LibUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

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
        loadLibrary();
    }

    private static volatile boolean loaded;

    /*
     * DJL's LibUtils.checkStatus() detects the platform (CUDA included) before it loads the
     * library: about 0.4 s of a 1 s load. When the library has already been extracted to DJL's
     * cache (by an earlier run), drp loads that file itself; otherwise DJL extracts and loads it.
     */
    private static synchronized void loadLibrary() {
        if (loaded) {
            return;
        }
        Path extracted = extractedLibrary();
        boolean direct = false;
        if (extracted != null && Files.isRegularFile(extracted)) {
            try {
                System.load(extracted.toString());
                direct = true;
            } catch (UnsatisfiedLinkError e) {
                // not a library this JVM can load: let DJL find (or extract) the right one
            }
        }
        if (!direct) {
            LibUtils.checkStatus();
        }
        loaded = true;
    }

    /** Where DJL extracts the CPU library of this platform, or null when drp does not know the platform. */
    static Path extractedLibrary() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") ? "aarch64" : null;
        String prefix = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "osx" : os.startsWith("windows") ? "win" : null;
        if (cpu == null || prefix == null) {
            return null;
        }
        Properties props = new Properties();
        // a class literal does not run LibUtils' static initializer (which starts SLF4J)
        try (InputStream in = LibUtils.class.getResourceAsStream("/native/lib/tokenizers.properties")) {
            if (in == null) {
                return null;
            }
            props.load(in);
        } catch (IOException e) {
            return null;
        }
        String version = props.getProperty("version");
        if (version == null) {
            return null;
        }
        String name = System.mapLibraryName("tokenizers");
        return engineCacheDir().resolve(version + "-cpu-" + prefix + "-" + cpu).resolve(name);
    }

    /*
     * DJL's Utils.getEngineCacheDir("tokenizers"), without initializing DJL's Utils (and SLF4J with
     * it, a quarter of a second): ENGINE_CACHE_DIR, else DJL_CACHE_DIR, else ~/.djl.ai; each an
     * environment variable or a system property. A wrong guess only costs the fast path: the
     * file is not there and DJL loads the library itself.
     */
    private static Path engineCacheDir() {
        String engine = setting("ENGINE_CACHE_DIR");
        if (engine != null) {
            return Path.of(engine, "tokenizers");
        }
        String cache = setting("DJL_CACHE_DIR");
        return (cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".djl.ai")).resolve("tokenizers");
    }

    private static String setting(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value;
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
