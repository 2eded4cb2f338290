package drp.tiny.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a vocabulary as {@code tiny_tokenizer.json}: {@code {"model": "spm", "pieces":
 * [...], "scores": [...], "types": [...]}} (types as llama.cpp's numeric codes), the same three
 * arrays a GGUF carries.
 */
public final class TokenizerFile {

    public static final String FILE_NAME = "tiny_tokenizer.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFile() {}

    public static void write(Vocabulary vocabulary, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", "spm");
        ArrayNode pieces = root.putArray("pieces");
        ArrayNode scores = root.putArray("scores");
        ArrayNode types = root.putArray("types");
        for (int id = 0; id < vocabulary.size(); id++) {
            pieces.add(vocabulary.piece(id));
            scores.add(vocabulary.score(id));
            types.add(vocabulary.type(id).code());
        }
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    public static Vocabulary read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static Vocabulary read(InputStream in, String source) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null || !"spm".equals(root.path("model").asText())) {
            throw new IOException(source + ": field model must be \"spm\"");
        }
        JsonNode pieces = array(root, "pieces", source);
        JsonNode scores = array(root, "scores", source);
        JsonNode types = array(root, "types", source);
        if (pieces.size() != scores.size() || pieces.size() != types.size()) {
            throw new IOException(source + ": pieces, scores and types must have the same length ("
                    + pieces.size() + ", " + scores.size() + ", " + types.size() + ")");
        }
        List<String> list = new ArrayList<>(pieces.size());
        float[] scoreArray = new float[pieces.size()];
        TokenType[] typeArray = new TokenType[pieces.size()];
        for (int id = 0; id < pieces.size(); id++) {
            list.add(pieces.get(id).asText());
            scoreArray[id] = (float) scores.get(id).asDouble();
            try {
                typeArray[id] = TokenType.of(types.get(id).asInt());
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": types[" + id + "]: " + e.getMessage(), e);
            }
        }
        try {
            return new Vocabulary(list, scoreArray, typeArray);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode array(JsonNode root, String field, String source) throws IOException {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray()) {
            throw new IOException(source + ": field " + field + " must be an array");
        }
        return node;
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
