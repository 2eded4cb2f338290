package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Reads a run's JSONL records by id, failing on a duplicate: how resumed runs are compared with whole ones. */
final class PipelineRecords {

    private PipelineRecords() {}

    /** Each record of {@code file} by its {@code id}, asserting that no id appears twice. */
    static Map<String, JsonNode> byId(Path file) throws IOException {
        Map<String, JsonNode> records = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode node = JsonCodec.MAPPER.readTree(line);
            JsonNode previous = records.put(node.get("id").asText(), node);
            assertThat(previous).as("duplicate id %s in %s", node.get("id").asText(), file).isNull();
        }
        return records;
    }
}
