package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help}, found by walking the command tree so that a new command is
 * covered without touching this test: it renders without a picocli warning, exits 0, and every
 * command list gives each command one whole sentence.
 */
class HelpTest {

    /** What {@code drp PATH --help} printed, picocli's own warnings included. */
    private record Help(int exitCode, String out, String err) {}

    /** Every command below the root, by its path of names ({@code models check}), each once. */
    private static Map<String, CommandLine> commands() {
        Map<String, CommandLine> all = new LinkedHashMap<>();
        walk(Drp.commandLine(), "", all);
        return all;
    }

    private static void walk(CommandLine command, String path, Map<String, CommandLine> all) {
        for (CommandLine sub : command.getSubcommands().values()) {
            // an alias maps to the same CommandLine: visit it under its own name only
            String name = path.isEmpty() ? sub.getCommandName() : path + " " + sub.getCommandName();
            if (all.putIfAbsent(name, sub) == null) {
                walk(sub, name, all);
            }
        }
    }

    /**
     * Runs {@code drp PATH --help}. picocli writes its warnings (an unescaped {@code %}, for one)
     * through a tracer whose stream is the System.err of the moment the tracer was made, so the
     * test points that stream at its capture too.
     */
    private static Help help(String path) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream traced = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(traced, true, StandardCharsets.UTF_8);
        Field stream = CommandLine.Tracer.class.getDeclaredField("stream");
        stream.setAccessible(true);
        CommandLine.Tracer tracer = CommandLine.tracer();
        Object tracerStream = stream.get(tracer);
        PrintStream systemErr = System.err;
        CommandLine.TraceLevel level = tracer.getLevel();
        System.setErr(capture);
        stream.set(tracer, capture);
        tracer.setLevel(CommandLine.TraceLevel.WARN); // picocli's default, unless picocli.trace turned it off
        try {
            CommandLine cli = Drp.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : List.of(path.split(" ")));
            args.add("--help");
            int code = cli.execute(args.toArray(String[]::new));
            return new Help(code, out.toString(), err + traced.toString(StandardCharsets.UTF_8));
        } finally {
            tracer.setLevel(level);
            stream.set(tracer, tracerStream);
            System.setErr(systemErr);
        }
    }

    @Test
    void theWalkFindsTheCommandsAndTheirSubcommands() {
        // the walk is what the other tests stand on: it must reach nested commands too
        assertThat(commands()).containsKeys("sample", "prune", "grade", "models", "models check", "tiny", "help");
    }

    @Test
    void everyHelpRendersWithoutWarningsAndExitsZero() throws Exception {
        List<String> paths = new ArrayList<>(List.of(""));
        paths.addAll(commands().keySet());
        for (String path : paths) {
            Help h = help(path);
            String name = ("drp " + path).strip() + " --help";
            assertThat(h.exitCode()).as(name + ": exit code; err: " + h.err()).isZero();
            assertThat(h.err()).as(name + ": standard error").doesNotContain("[picocli WARN]").doesNotContain("Exception")
                    .isBlank();
            assertThat(h.out()).as(name).contains("Usage: " + ("drp " + path).strip());
        }
    }

    @Test
    void everyCommandListGivesEachCommandOneWholeSentence() throws Exception {
        Map<String, CommandLine> parents = new LinkedHashMap<>();
        parents.put("", Drp.commandLine());
        commands().forEach((path, c) -> {
            if (!c.getSubcommands().isEmpty()) {
                parents.put(path, c);
            }
        });
        for (var parent : parents.entrySet()) {
            Map<String, String> listed = commandList(help(parent.getKey()).out());
            Map<String, CommandLine> subs = parent.getValue().getSubcommands();
            assertThat(listed.keySet()).as("commands listed by 'drp %s --help'", parent.getKey())
                    .containsExactlyInAnyOrderElementsOf(subs.keySet());
            for (var entry : listed.entrySet()) {
                String sentence = entry.getValue();
                String where = ("drp " + parent.getKey()).strip() + " --help, command " + entry.getKey();
                assertThat(sentence).as(where).matches("[A-Z].*\\.");
                // the whole first line of the command's own summary: one line, not the start of a longer sentence
                assertThat(sentence).as(where).isEqualTo(firstSummaryLine(subs.get(entry.getKey())));
            }
        }
    }

    /** The entries of the "Commands:" section of a help text: name -> text, wrapped lines joined. */
    private static Map<String, String> commandList(String helpText) {
        Map<String, String> entries = new LinkedHashMap<>();
        String current = null;
        boolean inList = false;
        for (String line : helpText.split("\\R")) {
            if (line.equals("Commands:")) {
                inList = true;
                continue;
            }
            if (!inList) {
                continue;
            }
            if (line.isBlank() || !line.startsWith("  ")) {
                break;
            }
            if (line.charAt(2) != ' ') { // "  name    text": a new entry
                String[] parts = line.strip().split("\\s+", 2);
                current = parts[0];
                entries.put(current, parts.length > 1 ? parts[1] : "");
            } else { // a wrapped continuation of the entry above
                entries.merge(current, line.strip(), (a, b) -> a + " " + b);
            }
        }
        return entries;
    }

    /** What picocli shows in a command list: the first header line, else the first description line. */
    private static String firstSummaryLine(CommandLine command) {
        CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
        return lines.length == 0 ? "" : lines[0].strip();
    }
}
