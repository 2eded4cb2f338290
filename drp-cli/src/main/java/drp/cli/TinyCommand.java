package drp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code drp tiny}: the embedded student's own commands. */
@Command(name = "tiny", mixinStandardHelpOptions = true,
        description = {"The embedded student: a small Llama-architecture reasoning model trained on the CPU in pure Java."},
        subcommands = {TrainBaseCommand.class})
final class TinyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (see 'drp tiny --help')");
    }
}
