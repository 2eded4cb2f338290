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
 * The configuration keys a pinned LLaMA-Factory version accepts (its argument dataclasses and the
 * transformers training arguments it extends; the list and its provenance are in
 * {@code llamafactory-keys.txt}). Every key drp writes into a training or merge YAML is checked
 * here, so a typo in a pipeline file fails before a GPU job starts, not an hour into it.
 */
public final class LlamaFactoryKeys {

    /** The LLaMA-Factory version the list was taken from. */
    public static final String VERSION = "0.9.6.dev0 (ff6d4d12e)";

    private static final Set<String> KEYS = load();

    private LlamaFactoryKeys() {}

    /** Whether LLaMA-Factory knows {@code key}. */
    public static boolean known(String key) {
        return KEYS.contains(key);
    }

    /** Fails, naming every key of {@code keys} that LLaMA-Factory does not know. */
    public static void check(Collection<String> keys, String where) {
        List<String> unknown = keys.stream().filter(k -> !KEYS.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(where + ": LLaMA-Factory " + VERSION + " has no key "
                    + String.join(", ", unknown) + " (a misspelt option?)");
        }
    }

    private static Set<String> load() {
        try (InputStream in = LlamaFactoryKeys.class.getResourceAsStream("llamafactory-keys.txt")) {
            if (in == null) {
                throw new IllegalStateException("llamafactory-keys.txt is missing from this build");
            }
            Set<String> keys = new TreeSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(keys::add);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
