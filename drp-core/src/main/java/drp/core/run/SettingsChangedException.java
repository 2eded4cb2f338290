package drp.core.run;

import java.nio.file.Path;
import java.util.List;

/**
 * A stage was started in a run directory where it ran before with other settings. Its message
 * names every differing setting and the ways out: the same settings to resume, another run
 * directory, or {@code --restart STAGE} to discard that stage's results.
 */
public final class SettingsChangedException extends IllegalArgumentException {

    private final String stage;
    private final List<String> differences;

    public SettingsChangedException(Path root, String stage, List<String> differences) {
        super(root + ": stage " + stage + " was run here with other settings (" + String.join("; ", differences)
                + "); rerun with the same settings to resume, choose another --out, or --restart "
                + stage.replaceFirst(":.*", "") + " to discard its results");
        this.stage = stage;
        this.differences = List.copyOf(differences);
    }

    public String stage() {
        return stage;
    }

    public List<String> differences() {
        return differences;
    }
}
