package drp.core.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.core.io.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The settings that shape a stage's output, and their hash. A stage records its fingerprint in
 * run.json when it first runs in a directory; a rerun with the same fingerprint resumes (ids
 * already written are skipped), and one with another is refused: results made with other settings
 * are never mixed with new ones. Only what changes the output belongs here (not concurrency, not
 * progress options); the fingerprint of an upstream stage belongs here too, so that a change
 * upstream is a change downstream.
 *
 * @param stage    the stage's name in the run, e.g. {@code prune}, {@code eval:drp}
 * @param settings the settings as they read back from JSON (numbers, strings, lists, maps)
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = "sha256", allowGetters = true)
public record StageFingerprint(String stage, Map<String, Object> settings) {

    @JsonCreator
    public StageFingerprint(@JsonProperty("stage") String stage, @JsonProperty("settings") Map<String, Object> settings) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.settings = canonical(Objects.requireNonNull(settings, "settings"));
    }

    /** A fingerprint of {@code settings}, whatever Java values they hold (records, enums, paths as text). */
    public static StageFingerprint of(String stage, Map<String, ?> settings) {
        return new StageFingerprint(stage, JsonCodec.MAPPER.convertValue(settings, Map.class));
    }

    /** SHA-256 of the settings as canonical JSON (keys sorted at every level). */
    @JsonProperty("sha256")
    public String hash() {
        return ContentHash.of(JsonCodec.line(settings));
    }

    /** What differs from {@code earlier}: one "key: X then, Y now" per setting, nested keys joined by dots. */
    public List<String> differences(StageFingerprint earlier) {
        List<String> out = new ArrayList<>();
        diff("", tree(earlier.settings), tree(settings), out);
        return out;
    }

    private static void diff(String path, JsonNode then, JsonNode now, List<String> out) {
        if (then instanceof ObjectNode a && now instanceof ObjectNode b) {
            TreeMap<String, Boolean> keys = new TreeMap<>();
            a.fieldNames().forEachRemaining(k -> keys.put(k, true));
            b.fieldNames().forEachRemaining(k -> keys.put(k, true));
            for (String key : keys.keySet()) {
                diff(path.isEmpty() ? key : path + "." + key, a.get(key), b.get(key), out);
            }
        } else if (!Objects.equals(then, now)) {
            out.add(path + ": " + (then == null ? "unset" : then) + " then, " + (now == null ? "unset" : now) + " now");
        }
    }

    private static JsonNode tree(Map<String, Object> settings) {
        return JsonCodec.MAPPER.valueToTree(settings);
    }

    /** Sorted keys at every level, values as JSON reads them back (so 0.6f and 0.6 agree). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> canonical(Map<String, Object> settings) {
        try {
            JsonNode node = JsonCodec.MAPPER.readTree(JsonCodec.line(settings));
            return (Map<String, Object>) sorted(JsonCodec.MAPPER.convertValue(node, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> out = new TreeMap<>();
            for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<?, ?> e = it.next();
                out.put(String.valueOf(e.getKey()), sorted(e.getValue()));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return value;
    }
}
