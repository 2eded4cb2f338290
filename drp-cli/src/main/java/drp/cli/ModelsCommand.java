package drp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import drp.core.chat.ChatException;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ScoreRequest;
import drp.core.chat.TargetScore;
import drp.core.chat.Usage;
import drp.core.trace.ThinkSplit;
import drp.llm.chat.BalancedChatModel;
import drp.llm.chat.ForwardingChatModel;
import drp.llm.openai.OpenAiChatModel;
import drp.tiny.chat.TinyChatModel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drp models}: look at model endpoints. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Look at model endpoints.",
        subcommands = {ModelsCommand.Check.class})
final class ModelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (see 'drp models --help')");
    }

    /** {@code drp models check ENDPOINT}: a few tiny requests, and what the server supports. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check what a model endpoint supports.",
                    "Sends a few tiny requests (a handful of tokens each, never cached) and reports: chat, raw completions, JSON-schema output, a separate reasoning field,",
                    "usage counts, seeded sampling, scoring a given text (log-probabilities of an echoed prompt), and the latency of one",
                    "short answer. Exit 0 when chat works."},
            footer = {"", "Examples:",
                    "  drp models check openai:http://127.0.0.1:8000/v1#deepseek-r1-distill-qwen-7b",
                    "  drp models check teacher --config drp.yaml",
                    "  drp models check gguf:models/qwen2.5-0.5b-instruct-q4_k_m.gguf"})
    static final class Check implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final String SCHEMA =
                "{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}},\"required\":[\"ok\"],\"additionalProperties\":false}";

        @Spec
        CommandSpec spec;

        @Mixin
        DebugOption debug;

        @Mixin
        ModelOptions models;

        @Parameters(index = "0", paramLabel = "ENDPOINT",
                description = "openai:BASE_URL#MODEL, gguf:PATH, or an endpoint named in --config.")
        String endpoint;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            models.noCache = true;
            try (StageModel opened = models.open(endpoint, null)) {
                ChatModel model = opened.model();
                o.printf("endpoint     %s%n", endpoint);
                o.printf("model        %s%n", opened.id());

                long start = System.nanoTime();
                ChatResponse chat;
                try {
                    chat = model.chat(ChatRequest.builder().user("Reply with the single word: ok").temperature(0.0)
                            .maxTokens(16).build());
                } catch (ChatException e) {
                    o.printf("chat         no: %s%n", e.getMessage());
                    o.flush();
                    return StageEnd.FAILED;
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                o.printf(Locale.ROOT, "chat         yes, %d ms for a %d-token answer (server model: %s)%n", millis,
                        chat.usage().completionTokens(), chat.model());
                o.printf("completions  %s%n", completions(model));
                o.printf("json schema  %s%n", jsonSchema(model));
                o.printf("reasoning    %s%n", reasoning(model, chat));
                Usage u = chat.usage();
                o.printf("usage        %s%n", u.equals(Usage.NONE) ? "not reported (tokens will be estimated)"
                        : "reported (" + u.promptTokens() + " in, " + u.completionTokens() + " out)");
                o.printf("seed         %s%n", seed(model));
                o.printf("scoring      %s%n", scoring(model));
                o.flush();
                return StageEnd.DONE;
            }
        }

        private static String completions(ChatModel model) {
            try {
                ChatResponse r = model.chat(ChatRequest.builder().rawPrompt("1, 2, 3,").temperature(0.0).maxTokens(4).build());
                return "yes (raw prompts)" + (r.text().isBlank() ? ", but the answer was empty" : "");
            } catch (ChatException e) {
                return "no: " + e.getMessage();
            }
        }

        private static String jsonSchema(ChatModel model) {
            try {
                ChatResponse r = model.chat(ChatRequest.builder().user("Is the sky blue? Answer in JSON.").temperature(0.0)
                        .maxTokens(32).jsonSchema("drp_check", SCHEMA).build());
                JsonNode node = JSON.readTree(r.first().answer().strip());
                return node != null && node.path("ok").isBoolean() && node.size() == 1
                        ? "yes (the answer followed the schema)"
                        : "accepted, but the answer did not follow the schema: use --reply-form PLAIN_TEXT for teachers";
            } catch (ChatException e) {
                return "no: " + e.getMessage() + "; use --reply-form PLAIN_TEXT for teachers";
            } catch (java.io.IOException e) {
                return "accepted, but the answer was not JSON: use --reply-form PLAIN_TEXT for teachers";
            }
        }

        private static String reasoning(ChatModel model, ChatResponse chat) {
            ChatResponse r = chat;
            try {
                r = model.chat(ChatRequest.builder().user("Think briefly, then answer: what is 2 + 3?").temperature(0.0)
                        .maxTokens(64).build());
            } catch (ChatException e) {
                // judge from the first answer
            }
            String text = r.first().text();
            if (r.first().reasoning().isEmpty()) {
                return "none seen";
            }
            return text.contains(ThinkSplit.CLOSE) || text.contains(ThinkSplit.OPEN)
                    ? "<think> tags in the text" : "separate field (reasoning_content)";
        }

        /**
         * Whether the endpoint reports the log-probabilities of a given text (what scoring a trace
         * with the student needs), and how. A remote endpoint is asked directly, below retries, so
         * the answer can say which form the server used.
         */
        static String scoring(ChatModel model) {
            ScoreRequest probe = ScoreRequest.afterText("The answer is", " 4.");
            ChatModel transport = ForwardingChatModel.transport(model);
            // replicas of one model answer alike: the first speaks for them
            while (transport instanceof BalancedChatModel balanced) {
                transport = ForwardingChatModel.transport(balanced.replicas().getFirst());
            }
            try {
                if (transport instanceof OpenAiChatModel openai) {
                    return "yes (" + openai.scoreForm(probe) + ")";
                }
                TargetScore score = model.score(probe);
                return "yes (" + (transport instanceof TinyChatModel ? "in process, " : "") + score.tokenCount()
                        + " tokens)";
            } catch (ChatException e) {
                return "no: " + e.getMessage();
            }
        }

        private static String seed(ChatModel model) {
            try {
                ChatRequest.Builder b = ChatRequest.builder().user("Write five random words.").temperature(1.0).maxTokens(16);
                String a = model.chat(b.seed(11L).build()).text();
                String again = model.chat(b.seed(11L).build()).text();
                String other = model.chat(b.seed(12L).build()).text();
                if (!a.equals(again)) {
                    return "not honoured (the same seed gave different answers); samples still differ";
                }
                return a.equals(other) ? "same answer for different seeds (sampling may be ignored)" : "honoured";
            } catch (ChatException e) {
                return "refused: " + e.getMessage();
            }
        }
    }
}
