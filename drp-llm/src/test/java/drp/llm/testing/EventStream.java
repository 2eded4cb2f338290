package drp.llm.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a streamed answer of an OpenAI-compatible server (server-sent events), for tests of {@code drp serve}. */
public final class EventStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventStream() {}

    /** The data of each server-sent event, in order; every event must be a {@code data:} line. */
    public static List<String> events(String stream) {
        List<String> data = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            if (!block.isBlank()) {
                assertThat(block).startsWith("data: ");
                data.add(block.substring("data: ".length()));
            }
        }
        return data;
    }

    /** The chunks of a stream that ended well: every event but the last, which must be {@code [DONE]}. */
    public static List<JsonNode> chunks(String stream) {
        List<String> events = events(stream);
        assertThat(events.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String e : events.subList(0, events.size() - 1)) {
            try {
                chunks.add(JSON.readTree(e));
            } catch (JsonProcessingException notJson) {
                throw new UncheckedIOException("a chunk is not JSON: " + e, notJson);
            }
        }
        return chunks;
    }
}
