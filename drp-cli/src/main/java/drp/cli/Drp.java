package drp.cli;

import drp.core.run.DrpVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command; each stage is a subcommand. */
@Command(name = "drp",
        mixinStandardHelpOptions = true,
        versionProvider = Drp.Version.class,
        description = {"Distilled Reasoning Pruning: make reasoning models think shorter without thinking worse.", ""},
        footer = {"", "Examples:",
                "  drp run configs/demo.yaml --out runs/demo        # the whole method, as a pipeline file says",
                "  drp run configs/paper-gsm8k-r1-7b.yaml --dry-run  # the paper's setting: its plan and cost",
                "  drp sample --model openai:http://127.0.0.1:8000/v1#r1-7b --dataset gsm8k:train --samples 4 --out runs/r1",
                "  drp prune --in runs/r1/completions.jsonl --out runs/r1 --teacher openai:https://api.openai.com/v1#gpt-4o",
                "  drp prune --in traces.jsonl --out runs/r1 --tokenizer ../shared/data/tokenizers/qwen2",
                "  drp eval --model openai:http://127.0.0.1:8000/v1#drp-7b --benchmarks gsm8k,math500 --out runs/eval",
                "  drp models check openai:http://127.0.0.1:8000/v1#r1-7b",
                "  drp show runs/r1 --id problem_1273",
                "  drp sft build --in runs/r1/pruned.jsonl --tokenizer DIR --chat-template DIR --out runs/r1/sft",
                "  drp distill cancel runs/paper                    # stop a run's hosted fine-tuning job",
                "  drp tokens --tokenizer ../shared/data/tokenizers/qwen2 --field think traces.jsonl",
                "  drp demo --quick",
                "Run 'drp COMMAND --help' for a command's options."},
        subcommands = {RunCommand.class, DemoCommand.class, SampleCommand.class, PruneCommand.class, ShowCommand.class, ReportCommand.class, TokensCommand.class,
                GradeCommand.class, CompareCommand.class, EquivCommand.class, EvalCommand.class, ModelsCommand.class,
                ServeCommand.class, TinyCommand.class, SftCommand.class, AlignCommand.class, DistillCommand.class,
                CommandLine.HelpCommand.class})
public final class Drp implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (see 'drp --help')");
    }

    /** A command line with drp's error handling: usage errors exit 2, failures 1, one line each. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Drp());
        ErrorReporter errors = new ErrorReporter();
        cli.setParameterExceptionHandler(errors);
        cli.setExecutionExceptionHandler(errors);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // the help texts are written as lines of up to 110 characters; at picocli's default of 80
        // columns each of them would break in two
        cli.setUsageHelpWidth(120);
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"drp " + DrpVersion.current() + " (Java " + Runtime.version() + ")"};
        }
    }
}
