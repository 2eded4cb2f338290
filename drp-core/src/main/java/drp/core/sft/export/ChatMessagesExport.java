package drp.core.sft.export;

import drp.core.sft.SftExample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chat {@code messages} JSONL, one {@code {"messages": [...]}} per line, as OpenAI's and Together's
 * fine-tuning and TRL's conversational datasets read it. The assistant message is the whole reply
 * ({@code <think>...</think>} then the answer); the trainer applies the chat template.
 */
public final class ChatMessagesExport {

    private ChatMessagesExport() {}

    /** Writes {@code examples} to {@code file} (atomically). */
    public static void write(List<SftExample> examples, Path file) {
        List<Object> lines = new ArrayList<>();
        for (SftExample e : examples) {
            List<Map<String, String>> messages = new ArrayList<>();
            for (SftExample.Message m : e.messages()) {
                Map<String, String> msg = new LinkedHashMap<>();
                msg.put("role", m.role());
                msg.put("content", m.content());
                messages.add(msg);
            }
            lines.add(Map.of("messages", messages));
        }
        ExportFiles.writeJsonl(file, lines);
    }

    /** Reads the {@code messages} of each line of {@code file} back (for tests and tools). */
    public static List<List<SftExample.Message>> read(Path file) {
        List<List<SftExample.Message>> all = new ArrayList<>();
        for (var node : ExportFiles.readJsonl(file)) {
            List<SftExample.Message> messages = new ArrayList<>();
            node.path("messages").forEach(m -> messages.add(new SftExample.Message(m.path("role").asText(),
                    m.path("content").asText())));
            all.add(messages);
        }
        return all;
    }
}
