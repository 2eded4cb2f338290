package drp.llm.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;

/**
 * A tokenizer could not be loaded: files missing, malformed, or refused by the native tokenizer.
 * The message names the file (and line or field, where one applies) and says what is wrong. It
 * is bad input, hence an IllegalArgumentException: the CLI prints it as its one-line error.
 */
public final class TokenizerLoadException extends IllegalArgumentException {

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

    /** A file that is not well-formed JSON, with the line and column where parsing stopped. */
    static TokenizerLoadException malformedJson(Path path, JsonProcessingException e) {
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new TokenizerLoadException(path, "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }

    /** The file or directory that is at fault. */
    public Path path() {
        return path;
    }
}
