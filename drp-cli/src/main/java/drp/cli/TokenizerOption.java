package drp.cli;

import drp.core.token.CharacterCount;
import drp.core.token.TokenCounter;
import drp.llm.token.TokenizerLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --tokenizer DIR|FILE}: count exactly with the student's tokenizer (characters without it). */
final class TokenizerOption {

    @Option(names = "--tokenizer", paramLabel = "DIR|FILE",
            description = "The student's tokenizer: a tokenizer.json, or a folder with tokenizer.json or vocab.json + merges.txt "
                    + "(e.g. ../shared/data/tokenizers/qwen2). Without it, lengths are counted in characters.")
    Path path;

    TokenCounter counter() {
        return path == null ? new CharacterCount() : TokenizerLoader.load(path);
    }

    /** The tokenizer as named in run.json. */
    String describe() {
        return path == null ? "characters" : path.toAbsolutePath().normalize().toString();
    }
}
