package drp.cli;

import drp.core.answer.AnswerFormat;
import drp.core.sft.BuildStage;
import drp.core.sft.RenderedExample;
import drp.core.sft.SftDataset;
import drp.core.sft.SftFilters;
import drp.core.sft.export.RenderedTextExport;
import drp.core.stage.PruneStage;
import drp.llm.template.ChatTemplate;
import drp.llm.template.SftRenderer;
import drp.llm.token.HuggingFaceTokenCounter;
import drp.llm.token.TokenizerLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drp sft}: SFT data from pruned traces, rendered as the student sees it, in every trainer's format. */
@Command(name = "sft", mixinStandardHelpOptions = true,
        description = {"Build supervised fine-tuning data from pruned traces, rendered through the student's chat template."},
        subcommands = {SftCommand.Build.class, SftCommand.Show.class})
final class SftCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (see 'drp sft --help')");
    }

    /** {@code drp sft build}. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Write the SFT data of pruned traces in every trainer's format, with a summary of what was dropped.",
                    "Each example is rendered through the student's chat template as the student sees and generates it at "
                            + "inference (prompt with the generation prefix, masked; then the think text, </think>, the "
                            + "answer and the end-of-sequence token, trained) and checked; an example longer than the "
                            + "cutoff is dropped, never truncated.",
                    "Writes OUT/sft.jsonl, OUT/summary.json, OUT/openai/ (chat messages), OUT/trl/ (prompt/completion), "
                            + "OUT/llamafactory/ (ShareGPT + dataset_info.json) and OUT/rendered/, each with a README."},
            footer = {"", "Example:",
                    "  drp sft build --in runs/r1/pruned.jsonl --tokenizer ../shared/data/tokenizers/qwen2 \\",
                    "      --chat-template ../shared/data/tokenizers/deepseek-r1-distill-qwen --out runs/r1/sft"})
    static final class Build implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DebugOption debug;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "pruned.jsonl, as drp prune writes it.")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the data into.")
        Path out;

        @Option(names = "--tokenizer", required = true, paramLabel = "DIR|FILE",
                description = "The student's tokenizer: a tokenizer.json, or a folder with tokenizer.json or vocab.json + merges.txt.")
        Path tokenizer;

        @Option(names = "--chat-template", paramLabel = "DIR|FILE",
                description = "The student's chat template: a folder with chat_template.jinja or tokenizer_config.json, or "
                        + "one of those files; its tokenizer_config.json's special tokens are added to the tokenizer. "
                        + "Without it, only openai/ and llamafactory/ are written and lengths are of the replies alone.")
        Path chatTemplate;

        @Option(names = "--eos", paramLabel = "TOKEN",
                description = "The end-of-sequence token, when the template's tokenizer_config.json does not name it.")
        String eos;

        @Option(names = "--cutoff", defaultValue = "4096", paramLabel = "N",
                description = "The most tokens of a whole training sequence (the trainer's cutoff; 0 for none). Default: ${DEFAULT-VALUE}.")
        int cutoff;

        @Option(names = "--validation", defaultValue = "0.05", paramLabel = "FRACTION",
                description = "The fraction of problems held out for validation (0 for none). Default: ${DEFAULT-VALUE}.")
        double validation;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "The split's seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--dataset-name", defaultValue = "drp_sft", paramLabel = "NAME",
                description = "The LLaMA-Factory dataset name. Default: ${DEFAULT-VALUE}.")
        String datasetName;

        @Option(names = "--answer-format", defaultValue = "BOXED", paramLabel = "FORMAT",
                description = "How the reply states the answer after </think>: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
        AnswerFormat answerFormat;

        @Option(names = "--match-gold", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Keep only traces whose answer equals the gold answer (--no-match-gold keeps them all). Default: ${DEFAULT-VALUE}.")
        boolean matchGold;

        @Option(names = "--answer-preserved", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Keep only traces whose pruned text states the original answer. Default: ${DEFAULT-VALUE}.")
        boolean answerPreserved;

        @Option(names = "--dedup", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Drop an example whose question and reply equal an earlier one's. Default: ${DEFAULT-VALUE}.")
        boolean dedup;

        @Option(names = "--min-tokens", defaultValue = "0", paramLabel = "N",
                description = "The fewest tokens of a reply. Default: ${DEFAULT-VALUE}.")
        int minTokens;

        @Option(names = "--max-tokens", defaultValue = "0", paramLabel = "N",
                description = "The most tokens of a reply (0 for none; --cutoff bounds the whole sequence). Default: ${DEFAULT-VALUE}.")
        int maxTokens;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(in)) {
                throw new UserError("file not found: " + in);
            }
            SftFilters filters = new SftFilters(answerPreserved, matchGold, minTokens, maxTokens, dedup);
            ChatTemplate template = chatTemplate == null ? null : ChatTemplate.load(chatTemplate);
            if (template != null && eos != null) {
                template = template.withEos(eos);
            }
            Path extraConfig = chatTemplate == null ? null : configBeside(chatTemplate);
            try (HuggingFaceTokenCounter counter = TokenizerLoader.load(tokenizer, extraConfig)) {
                SftRenderer renderer = template == null ? null : new SftRenderer(template, counter);
                BuildStage stage = new BuildStage(filters, answerFormat, AnswerCheckers.standard(), counter);
                BuildStage.Result built = stage.fromPruned(PruneStage.read(in), List.of());
                SftDataset.Outcome outcome = SftDataset.write(built, renderer,
                        new SftDataset.Options(cutoff, validation, seed, datasetName), out,
                        renderer == null ? Map.of() : renderer.describe(), counter.name(),
                        renderer != null && renderer.analysis().stripsReasoning());
                PrintWriter w = spec.commandLine().getOut();
                var s = outcome.result().summary();
                w.printf(Locale.ROOT, "sft: %d of %d pruned traces written (train %d, validation %d), %,d tokens%s%n",
                        s.written(), s.read(), outcome.split().train().size(), outcome.split().validation().size(),
                        s.tokens(), s.dropped().isEmpty() ? "" : "; dropped " + s.dropped());
                if (renderer != null && renderer.analysis().stripsReasoning()) {
                    w.println("sft: the chat template removes the reasoning from assistant turns; the completion is rendered "
                            + "after its generation prompt, so the think text is trained");
                }
                if (renderer != null && !renderer.analysis().splitMarkers().isEmpty()) {
                    w.println("sft: note: the tokenizer splits the template markers " + renderer.analysis().splitMarkers()
                            + " into several tokens; counts are a few tokens above the student's own tokenizer's");
                }
                outcome.exports().forEach((name, path) -> w.println("  " + name + ": " + path));
                w.println("  summary: " + out.resolve(SftDataset.SUMMARY));
                w.flush();
            } catch (ChatTemplate.TemplateException e) {
                throw new UserError(e.getMessage());
            }
            return 0;
        }

        private static Path configBeside(Path template) {
            Path dir = Files.isDirectory(template) ? template : template.toAbsolutePath().getParent();
            Path config = dir.resolve("tokenizer_config.json");
            return Files.isRegularFile(config) ? config : null;
        }
    }

    /** {@code drp sft show}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print rendered training sequences of an SFT folder with the loss region marked.",
                    "The prompt (masked) is printed as is; the completion (trained) lies between "
                            + RenderedTextExport.LOSS_START + " and " + RenderedTextExport.LOSS_END + "."},
            footer = {"", "Examples:", "  drp sft show runs/r1/sft --limit 1", "  drp sft show runs/r1/sft --id problem_1273#0"})
    static final class Show implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DebugOption debug;

        @Parameters(paramLabel = "DIR", description = "A folder written by drp sft build.")
        Path dir;

        @Option(names = "--id", paramLabel = "ID", description = "Only the example with this id.")
        String id;

        @Option(names = "--split", defaultValue = "train", paramLabel = "NAME",
                description = "train or validation. Default: ${DEFAULT-VALUE}.")
        String split;

        @Option(names = "--limit", defaultValue = "3", paramLabel = "N",
                description = "The most examples to print (0 for all). Default: ${DEFAULT-VALUE}.")
        int limit;

        @Override
        public Integer call() {
            Path file = dir.resolve("rendered").resolve(split + ".jsonl");
            if (!Files.isRegularFile(file)) {
                throw new UserError("no rendered examples at " + file + " (drp sft build writes them when given --chat-template)");
            }
            PrintWriter w = spec.commandLine().getOut();
            int shown = 0;
            for (RenderedExample e : RenderedTextExport.read(file)) {
                if (id != null && !id.equals(e.id())) {
                    continue;
                }
                w.println(RenderedTextExport.format(e));
                shown++;
                if (limit > 0 && shown >= limit) {
                    break;
                }
            }
            w.flush();
            if (shown == 0) {
                throw new UserError(id != null ? "no example " + id + " in " + file : "no examples in " + file);
            }
            return 0;
        }
    }
}
