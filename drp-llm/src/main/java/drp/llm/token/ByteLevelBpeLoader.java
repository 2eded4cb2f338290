package drp.llm.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a tokenizer.json into a {@link ByteLevelBpeCounter} when the fast counter supports it:
 * from the binary cache when it holds this exact file, else by reading the JSON (and then caching
 * it, on a background thread so that the load does not wait for the write). Returns null, and
 * says why at debug level, for a tokenizer it does not reproduce exactly; the caller then uses
 * the Rust library.
 */
final class ByteLevelBpeLoader {

    private ByteLevelBpeLoader() {}

    /**
     * The fast counter for {@code file} with {@code extra} added tokens after its own, or null.
     *
     * @param cache the cache to use, or null for none
     * @param writeInBackground whether a new cache entry is written on a background thread
     */
    static ByteLevelBpeCounter tryLoad(String name, Path file, List<AddedToken> extra, ByteLevelBpeCache cache,
            boolean writeInBackground) {
        byte[] json;
        ByteLevelBpeCache.Source source;
        try {
            json = Files.readAllBytes(file);
            source = ByteLevelBpeCache.Source.of(file, json);
        } catch (IOException | RuntimeException e) {
            debug(file + ": not read for the fast counter (" + e + "); using the Rust tokenizers");
            return null;
        }
        ByteLevelBpeSpec spec = cache == null ? null : cache.read(source);
        if (spec == null) {
            try {
                spec = ByteLevelBpeJson.read(json);
            } catch (ByteLevelBpeJson.NotSupported e) {
                debug(file + ": the fast byte-level BPE counter does not support this tokenizer (" + e.getMessage()
                        + "); using the Rust tokenizers");
                return null;
            }
            if (cache != null) {
                CacheWrite write = new CacheWrite(cache, source, spec);
                if (writeInBackground) {
                    // not a daemon: the JVM finishes the write before it exits
                    new Thread(write, "drp-tokenizer-cache").start();
                } else {
                    write.run();
                }
            }
        }
        return new ByteLevelBpeCounter(name, spec.withAdded(extra));
    }

    /*
     * The logger only when there is something to say: System.getLogger starts the platform's
     * logging, tens of milliseconds that a load that goes well should not pay.
     */
    private static void debug(String message) {
        System.getLogger(ByteLevelBpeLoader.class.getName()).log(System.Logger.Level.DEBUG, message);
    }

    /** Writes a cache entry (a class rather than a lambda: no lambda bootstrap on the load path). */
    private record CacheWrite(ByteLevelBpeCache cache, ByteLevelBpeCache.Source source, ByteLevelBpeSpec spec)
            implements Runnable {
        @Override
        public void run() {
            cache.write(source, spec);
        }
    }
}
