package drp.cli;

import picocli.CommandLine.Option;

/** {@code --debug}: show stack traces. Mixed into every command. */
public final class DebugOption {

    static volatile boolean enabled;

    @Option(names = "--debug", description = "Show the full stack trace when something fails.")
    void set(boolean on) {
        enabled = on;
    }
}
