package drp.core.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Objects;
import java.util.regex.Pattern;

/** The shape the answer must take: free text, or JSON that follows a schema (structured output). */
public sealed interface ResponseFormat {

    /** Free text, the server's default. */
    ResponseFormat TEXT = new Text();

    record Text() implements ResponseFormat {}

    /**
     * JSON constrained by a JSON Schema (OpenAI {@code response_format: json_schema}; vLLM and SGLang
     * enforce it with guided decoding).
     *
     * @param name the schema's name: letters, digits, {@code _} and {@code -}, at most 64
     * @param schema the JSON Schema as JSON text; kept in a canonical form (sorted keys, no spaces)
     * @param strict whether the server must follow the schema exactly
     */
    record JsonSchema(String name, String schema, boolean strict) implements ResponseFormat {

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
        private static final ObjectMapper CANONICAL = new ObjectMapper()
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

        public JsonSchema {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schema, "schema");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "schema name '" + name + "' must be 1-64 letters, digits, '_' or '-'");
            }
            schema = canonical(name, schema);
        }

        /** The schema as a tree (a fresh copy). */
        public JsonNode schemaTree() {
            try {
                return CANONICAL.readTree(schema);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("canonical schema no longer parses", e);
            }
        }

        private static String canonical(String name, String schema) {
            try {
                JsonNode tree = CANONICAL.readTree(schema);
                if (tree == null || !tree.isObject()) {
                    throw new IllegalArgumentException("schema '" + name + "' must be a JSON object");
                }
                Object plain = CANONICAL.treeToValue(tree, Object.class);
                return CANONICAL.writeValueAsString(plain);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "schema '" + name + "' is not valid JSON: " + e.getOriginalMessage(), e);
            }
        }
    }
}
