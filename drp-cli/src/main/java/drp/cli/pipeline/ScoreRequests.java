package drp.cli.pipeline;

import drp.core.align.Candidate;
import drp.core.chat.ScoreRequest;
import drp.core.stage.AlignStage;
import java.util.function.Function;

/**
 * How candidates become scoring requests, for the align stage and {@code drp align}: rendered
 * through the student's chat template when one is named (prompt and completion exactly as
 * fine-tuning sees them), else as a conversation the student renders itself (drp-tiny). Closing
 * it releases the tokenizer the rendering holds.
 *
 * @param request   the request of a candidate
 * @param rendering the template rendering, or null without a template
 */
public record ScoreRequests(Function<Candidate, ScoreRequest> request, StudentRendering rendering) implements AutoCloseable {

    /**
     * @param chatTemplate the student's chat template, or null
     * @param tokenizer    the student's tokenizer files (needed with a template)
     * @param setting      the setting that named the template, for error messages
     */
    public static ScoreRequests of(String chatTemplate, String tokenizer, String setting) {
        if (chatTemplate == null) {
            return new ScoreRequests(AlignStage::asReply, null);
        }
        StudentRendering rendering = StudentRendering.open(chatTemplate, tokenizer, setting);
        return new ScoreRequests(rendering::request, rendering);
    }

    @Override
    public void close() {
        if (rendering != null) {
            rendering.close();
        }
    }
}
