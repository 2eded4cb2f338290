package drp.core.sft.export;

import drp.core.sft.RenderedExample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TRL's standard (non-conversational) prompt/completion JSONL: {@code {"prompt": TEXT,
 * "completion": TEXT}} with the chat template already applied by drp, so that TRL, which masks the
 * prompt ({@code completion_only_loss}) and tokenizes the two apart, trains exactly the sequence
 * the student generates: the prompt ends with the template's generation prefix, the completion
 * with the end-of-sequence token.
 */
public final class PromptCompletionExport {

    private PromptCompletionExport() {}

    /** Writes {@code examples} to {@code file} (atomically). */
    public static void write(List<RenderedExample> examples, Path file) {
        List<Object> lines = new ArrayList<>();
        for (RenderedExample e : examples) {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("prompt", e.prompt());
            line.put("completion", e.completion());
            lines.add(line);
        }
        ExportFiles.writeJsonl(file, lines);
    }
}
