package drp.llm.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration keys a pinned version of a training engine accepts (its argument dataclasses
 * and the transformers training arguments they extend; each list and its provenance are in a
 * resource file beside this class). Every key drp writes into an engine's configuration is checked
 * here, so a typo in a pipeline file fails before a GPU job starts, not an hour into it.
 *
 * @param engine  the engine's name in messages
 * @param version the version the list was taken from
 * @param keys    the keys
 */
public record EngineKeys(String engine, String version, Set<String> keys) {

    /** LLaMA-Factory's training and export YAML keys. */
    public static final EngineKeys LLAMA_FACTORY = load("LLaMA-Factory", "0.9.6.dev0 (ff6d4d12e)",
            "llamafactory-keys.txt");

    /** TRL's {@code trl sft} config keys. */
    public static final EngineKeys TRL = load("TRL", "1.10.0.dev0 (f2cd57710)", "trl-keys.txt");

    /** Whether the engine knows {@code key}. */
    public boolean known(String key) {
        return keys.contains(key);
    }

    /** Fails, naming every key of {@code written} that the engine does not know. */
    public void check(Collection<String> written, String where) {
        List<String> unknown = written.stream().filter(k -> !keys.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + engine + " " + version + " has no key "
                    + String.join(", ", unknown) + " (a misspelt option?)");
        }
    }

    private static EngineKeys load(String engine, String version, String resource) {
        try (InputStream in = EngineKeys.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from this build");
            }
            Set<String> keys = new TreeSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(keys::add);
            return new EngineKeys(engine, version, Set.copyOf(keys));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
