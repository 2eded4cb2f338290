package drp.cli.pipeline;

import drp.core.align.Candidate;
import drp.core.chat.ScoreRequest;
import drp.core.sft.SftExample;
import drp.llm.template.ChatTemplate;
import drp.llm.template.SftRenderer;
import drp.llm.token.HuggingFaceTokenCounter;
import drp.llm.token.TokenizerLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The student's chat template with its tokenizer, as {@code build.chat_template} and {@code
 * tokenizer} name them: what renders training examples (build) and scoring targets (align) exactly
 * as fine-tuning sees them. Closing it releases the tokenizer.
 */
public record StudentRendering(SftRenderer renderer, HuggingFaceTokenCounter counter) implements AutoCloseable {

    /**
     * @param chatTemplate a folder with chat_template.jinja or tokenizer_config.json, or such a file
     * @param tokenizer    the student's tokenizer files; required
     * @param setting      the setting that asked for rendering, for the error message
     */
    public static StudentRendering open(String chatTemplate, String tokenizer, String setting) {
        if (tokenizer == null) {
            throw new IllegalArgumentException(setting + ": rendering through a chat template needs the student's "
                    + "tokenizer files (tokenizer: a tokenizer.json, or a folder with tokenizer.json or vocab.json + merges.txt)");
        }
        Path templatePath = Path.of(chatTemplate);
        ChatTemplate template = ChatTemplate.load(templatePath);
        Path dir = Files.isDirectory(templatePath) ? templatePath : templatePath.toAbsolutePath().getParent();
        Path config = dir.resolve("tokenizer_config.json");
        HuggingFaceTokenCounter counter = TokenizerLoader.load(Path.of(tokenizer), Files.isRegularFile(config) ? config : null);
        return new StudentRendering(new SftRenderer(template, counter), counter);
    }

    /**
     * What the student is asked to score for a candidate: its prompt rendered with the generation
     * prefix, and the completion after it, exactly the sequence fine-tuning trains on.
     */
    public ScoreRequest request(Candidate c) {
        var rendered = renderer.render(SftExample.reply(c.id(), c.variant(), c.question(), c.assistant(), 0));
        return ScoreRequest.afterText(rendered.prompt(), rendered.completion());
    }

    @Override
    public void close() {
        counter.close();
    }
}
