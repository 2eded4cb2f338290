package drp.core.sft.export;

import drp.core.io.JsonCodec;
import drp.core.sft.RenderedExample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rendered training sequences for people to read: each example's prompt (masked, no loss) and
 * completion (trained) with the loss region marked, and the same as JSONL for {@code drp sft show}.
 */
public final class RenderedTextExport {

    /** Marks the start of the loss region in the text form. */
    public static final String LOSS_START = "⟦loss⟧";
    /** Marks its end. */
    public static final String LOSS_END = "⟦/loss⟧";

    private RenderedTextExport() {}

    /** Writes {@code examples} as {@code jsonl} (the records) and {@code text} (marked). */
    public static void write(List<RenderedExample> examples, Path jsonl, Path text) {
        ExportFiles.writeJsonl(jsonl, examples);
        StringBuilder out = new StringBuilder();
        for (RenderedExample e : examples) {
            out.append(format(e)).append('\n');
        }
        ExportFiles.writeText(text, out.toString());
    }

    /** One example with a header line and the loss region marked. */
    public static String format(RenderedExample e) {
        return "### " + e.id() + ": " + e.tokens() + " tokens (prompt " + e.promptTokens() + " masked, completion "
                + e.completionTokens() + " trained)\n" + e.prompt() + LOSS_START + e.completion() + LOSS_END + "\n";
    }

    /** Reads the records written by {@link #write}. */
    public static List<RenderedExample> read(Path jsonl) {
        List<RenderedExample> all = new ArrayList<>();
        for (var node : ExportFiles.readJsonl(jsonl)) {
            all.add(JsonCodec.convert(node, RenderedExample.class));
        }
        return all;
    }
}
