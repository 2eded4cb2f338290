package drp.cli;

import drp.core.io.JsonlFormatException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Maps failures to exit codes in one place: bad usage and bad input exit 2, anything else 1;
 * each is one clear line on standard error, and the stack trace only with {@code --debug}.
 */
final class ErrorReporter implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    static final int USAGE = 2;
    static final int SOFTWARE = 1;

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("drp: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
        if (DebugOption.enabled) {
            e.printStackTrace(err);
        }
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean badInput = e instanceof JsonlFormatException || e instanceof UncheckedIOException
                || e instanceof IllegalArgumentException || e instanceof NoSuchFileException
                || e instanceof UserError;
        err.println("drp: " + (badInput ? "" : "error: ") + message(e));
        if (DebugOption.enabled) {
            e.printStackTrace(err);
        } else if (!badInput) {
            err.println("(run with --debug for the stack trace)");
        }
        err.flush();
        return badInput ? USAGE : SOFTWARE;
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
