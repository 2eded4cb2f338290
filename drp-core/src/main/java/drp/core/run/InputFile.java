package drp.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An input of a run, identified by content so that a report can tell whether two runs read the
 * same data.
 */
public record InputFile(String role, String path, long bytes, String sha256) {

    public static InputFile of(String role, Path file) {
        try {
            return new InputFile(role, file.toAbsolutePath().normalize().toString(), Files.size(file), ContentHash.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
