package drp.llm.token;

import java.nio.file.Path;

/**
 * A tokenizer could not be loaded: files missing, malformed, or refused by the native tokenizer.
 * The message names the file (and line, where one applies) and says what is wrong; the CLI
 * prints it as the one-line error.
 */
public final class TokenizerLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public TokenizerLoadException(Path path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    public TokenizerLoadException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    /** The file or directory that is at fault. */
    public Path path() {
        return path;
    }
}
