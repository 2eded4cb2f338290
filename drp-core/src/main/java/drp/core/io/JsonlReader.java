package drp.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads JSONL (one JSON object per line) into typed items. A line that is not a JSON object, or
 * that the mapping function rejects with a {@link JsonlFormatException}, is an error located at
 * file:line: under {@link ErrorPolicy#STRICT} the read stops there, under
 * {@link ErrorPolicy#LENIENT} the line is skipped and its error kept. Blank lines are ignored.
 */
public final class JsonlReader {

    private JsonlReader() {}

    /** Reads every record of {@code file} through {@code mapping}. */
    public static <T> ReadResult<T> read(Path file, ErrorPolicy policy, Function<JsonlRecord, T> mapping) {
        List<T> items = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    items.add(mapping.apply(parse(file, lineNo, line)));
                } catch (JsonlFormatException e) {
                    if (policy == ErrorPolicy.STRICT) {
                        throw e;
                    }
                    errors.add(e.error());
                }
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("input file not found: " + file, e);
        } catch (CharacterCodingException e) {
            throw new UncheckedIOException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new ReadResult<>(items, errors);
    }

    /** Reads the raw records of {@code file}. */
    public static ReadResult<JsonlRecord> read(Path file, ErrorPolicy policy) {
        return read(file, policy, Function.identity());
    }

    static JsonlRecord parse(Path file, int lineNo, String line) {
        JsonNode node;
        try {
            node = JsonCodec.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            throw new JsonlFormatException(new RecordError(file, lineNo, null,
                    "not valid JSON (" + why + ")"));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new JsonlFormatException(new RecordError(file, lineNo, null,
                    "expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase())));
        }
        return new JsonlRecord(file, lineNo, object);
    }
}
