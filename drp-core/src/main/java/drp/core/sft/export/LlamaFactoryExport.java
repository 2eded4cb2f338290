package drp.core.sft.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.core.io.JsonCodec;
import drp.core.sft.SftExample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LLaMA-Factory's ShareGPT-style JSONL and its {@code dataset_info.json} entry (keys as in
 * LLaMA-Factory v0.9.5, {@code data/README.md} and {@code src/llamafactory/data/parser.py}):
 * one {@code {"conversations": [{"from": "human", "value": ...}, {"from": "gpt", "value": ...}]}}
 * per line (a system message, when an example has one, as a first {@code "from": "system"} turn,
 * which LLaMA-Factory takes as the system prompt; a {@code system} column would have to exist in
 * every line), and
 * <pre>
 * "NAME": {"file_name": "NAME.jsonl", "formatting": "sharegpt",
 *          "columns": {"messages": "conversations"},
 *          "tags": {"role_tag": "from", "content_tag": "value", "user_tag": "human", "assistant_tag": "gpt",
 *                   "system_tag": "system"}}
 * </pre>
 * The reply keeps its {@code <think>...</think>} block; train with LLaMA-Factory's template for the
 * student (e.g. {@code deepseekr1}) and {@code enable_thinking: true}.
 */
public final class LlamaFactoryExport {

    /** The data file of a dataset. */
    public static String fileName(String datasetName) {
        return datasetName + ".jsonl";
    }

    private LlamaFactoryExport() {}

    /**
     * Writes {@code DIR/NAME.jsonl} and adds (or replaces) the {@code NAME} entry of
     * {@code DIR/dataset_info.json}, keeping its other entries.
     *
     * @return the data file
     */
    public static Path write(List<SftExample> examples, Path dir, String datasetName) {
        if (datasetName == null || !datasetName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a LLaMA-Factory dataset name is letters, digits, '.', '_' or '-', got "
                    + datasetName);
        }
        List<Object> lines = new ArrayList<>();
        for (SftExample e : examples) {
            Map<String, Object> line = new LinkedHashMap<>();
            List<Map<String, String>> conversations = new ArrayList<>();
            String system = null;
            for (SftExample.Message m : e.messages()) {
                switch (m.role()) {
                    case "system" -> system = system == null ? m.content() : system + "\n\n" + m.content();
                    case "user" -> conversations.add(turn("human", m.content()));
                    case "assistant" -> conversations.add(turn("gpt", m.content()));
                    default -> throw new IllegalArgumentException("example " + e.id() + ": LLaMA-Factory's sharegpt "
                            + "format has no role " + m.role());
                }
            }
            if (system != null) {
                conversations.addFirst(turn("system", system));
            }
            line.put("conversations", conversations);
            lines.add(line);
        }
        Path data = dir.resolve(fileName(datasetName));
        ExportFiles.writeJsonl(data, lines);
        Path info = dir.resolve("dataset_info.json");
        ObjectNode root = readInfo(info);
        root.set(datasetName, JsonCodec.MAPPER.valueToTree(entry(datasetName)));
        ExportFiles.writeText(info, JsonCodec.pretty(root));
        return data;
    }

    /** The {@code dataset_info.json} entry of a dataset written by {@link #write}. */
    public static Map<String, Object> entry(String datasetName) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file_name", fileName(datasetName));
        entry.put("formatting", "sharegpt");
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("messages", "conversations");
        entry.put("columns", columns);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("role_tag", "from");
        tags.put("content_tag", "value");
        tags.put("user_tag", "human");
        tags.put("assistant_tag", "gpt");
        tags.put("system_tag", "system");
        entry.put("tags", tags);
        return entry;
    }

    private static Map<String, String> turn(String from, String value) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("from", from);
        t.put("value", value);
        return t;
    }

    private static ObjectNode readInfo(Path info) {
        if (!Files.isRegularFile(info)) {
            return JsonCodec.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = JsonCodec.MAPPER.readTree(info.toFile());
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new IllegalArgumentException(info + " is not a JSON object: cannot add a dataset to it");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + info + ": " + e.getMessage(), e);
        }
    }
}
