package drp.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed JSONL line with its location, so that every field error can name file:line and the
 * field.
 */
public record JsonlRecord(Path file, int line, ObjectNode node) {
    public JsonlRecord {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(node, "node");
    }

    /** The field as text; numbers and booleans are given as their JSON text; absent or null -> empty. */
    public Optional<String> text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(value.isValueNode() ? value.asText() : value.toString());
    }

    /** The field as text, or a {@link JsonlFormatException} naming file:line and the field. */
    public String requireText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error(field, "missing (fields present: " + fieldNames() + ")");
        }
        if (!value.isValueNode()) {
            throw error(field, "expected text, found " + value.getNodeType().toString().toLowerCase());
        }
        return value.asText();
    }

    /** The field as a boolean when present. */
    public Optional<Boolean> bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw error(field, "expected true or false, found " + value);
        }
        return Optional.of(value.booleanValue());
    }

    /** An error about {@code field} of this record, to throw from a mapping function. */
    public JsonlFormatException error(String field, String message) {
        return new JsonlFormatException(new RecordError(file, line, field, message));
    }

    private String fieldNames() {
        StringBuilder names = new StringBuilder();
        node.fieldNames().forEachRemaining(n -> names.append(names.isEmpty() ? "" : ", ").append(n));
        return names.isEmpty() ? "none" : names.toString();
    }
}
