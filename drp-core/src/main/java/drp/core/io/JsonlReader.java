package drp.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads JSONL (one JSON object per line) into typed items. A line that is not UTF-8 text, not a
 * JSON object, or that the mapping function rejects with a {@link JsonlFormatException}, is an
 * error located at file:line: under {@link ErrorPolicy#STRICT} the read stops there, under
 * {@link ErrorPolicy#LENIENT} the line is skipped and its error kept. Blank lines are ignored; a
 * line may end in {@code \n} or {@code \r\n}.
 */
public final class JsonlReader {

    /** Bytes read from the file at a time. */
    private static final int CHUNK = 1 << 16;

    private JsonlReader() {}

    /** Reads every record of {@code file} through {@code mapping}. */
    public static <T> ReadResult<T> read(Path file, ErrorPolicy policy, Function<JsonlRecord, T> mapping) {
        List<T> items = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        // Lines are split as bytes and each is decoded on its own, so that one line of another
        // encoding is one located error instead of a failure of the whole file.
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[CHUNK];
            byte[] line = new byte[CHUNK];
            int length = 0;
            int lineNo = 0;
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    line = append(line, length, chunk, from, i - from);
                    length += i - from;
                    from = i + 1;
                    accept(file, ++lineNo, line, length, utf8, policy, mapping, items, errors);
                    length = 0;
                }
                line = append(line, length, chunk, from, n - from);
                length += n - from;
            }
            if (length > 0) { // a last line without a newline
                accept(file, ++lineNo, line, length, utf8, policy, mapping, items, errors);
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("input file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new ReadResult<>(items, errors);
    }

    /** Copies {@code count} bytes of {@code src} after {@code length} bytes of {@code line}, growing it when needed. */
    private static byte[] append(byte[] line, int length, byte[] src, int from, int count) {
        if (count == 0) {
            return line;
        }
        byte[] target = line;
        if (length + count > line.length) {
            target = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(src, from, target, length, count);
        return target;
    }

    /** Decodes, parses and maps one line, or records (lenient) or throws (strict) its error. */
    private static <T> void accept(Path file, int lineNo, byte[] bytes, int length, CharsetDecoder utf8,
            ErrorPolicy policy, Function<JsonlRecord, T> mapping, List<T> items, List<RecordError> errors) {
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        try {
            String line = decode(file, lineNo, bytes, length, utf8);
            if (line.isBlank()) {
                return;
            }
            items.add(mapping.apply(parse(file, lineNo, line)));
        } catch (JsonlFormatException e) {
            if (policy == ErrorPolicy.STRICT) {
                throw e;
            }
            errors.add(e.error());
        }
    }

    private static String decode(Path file, int lineNo, byte[] bytes, int length, CharsetDecoder utf8) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        try {
            String line = utf8.reset().decode(in).toString();
            // a byte-order mark some editors write at the start of a file is not part of the JSON
            return lineNo == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
        } catch (CharacterCodingException e) {
            // after a failed decode the buffer stands at the first byte that is not UTF-8
            int at = in.position();
            throw new JsonlFormatException(new RecordError(file, lineNo, null, String.format(Locale.ROOT,
                    "not UTF-8 text (invalid byte 0x%02X at byte %d of the line)", bytes[at] & 0xFF, at + 1)));
        }
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
