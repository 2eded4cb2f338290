package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.FinishReason;
import drp.llm.endpoint.ChatModelStack;
import drp.llm.endpoint.InlineEndpoint;
import drp.llm.serve.OpenAiServer;
import drp.llm.serve.ServedModel;
import drp.tiny.TinyStudent;
import drp.tiny.sample.Sampler;
import drp.tiny.sample.SamplingOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drp serve} as a user starts it: a separate process, found through what it prints, stopped by a signal. */
class ServeCommandTest {

    static Process start(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), "drp.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void servesTheBaseStudentToTheOpenAiAdapterUntilStopped() throws Exception {
        Process server = start("serve", "--model", "base", "--port", "0", "--served-model-name", "tiny");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("serving tiny \\(tiny:base(?:@[0-9a-f]+)?#base\\) at (http://127\\.0\\.0\\.1:\\d+/v1)").matcher(first);
            assertThat(m.find()).as(first).isTrue();
            String endpoint = "openai:" + m.group(1) + "#tiny";
            assertThat(out.readLine()).isEqualTo("  endpoint for drp: " + endpoint);

            try (ChatModel model = ChatModelStack.of(InlineEndpoint.parse(endpoint, null)).environment(name -> null).build()) {
                ChatResponse response = model.chat(ChatRequest.builder()
                        .user("There are 6 cows on the farm. 4 cows leave. 9 more cows arrive. How many cows are on the farm now?")
                        .temperature(0.0).maxTokens(448).build());
                assertThat(response.text()).contains("</think>").contains("The answer is");
                assertThat(response.first().finishReason()).isEqualTo(FinishReason.STOP);
                assertThat(response.usage().completionTokens()).isPositive();
            }
        } finally {
            server.destroy(); // SIGTERM, like Ctrl-C: the shutdown hook stops the server
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void refusesWhatItCannotServeWithOneLine() {
        CliRun gguf = CliRun.of("serve", "--model", "gguf:no-such-model.gguf");
        assertThat(gguf.exitCode()).isEqualTo(2);
        assertThat(gguf.err()).contains("no such model file");
        CliRun missing = CliRun.of("serve", "--model", "tiny:/no/such/checkpoint");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such checkpoint folder");
        CliRun unknown = CliRun.of("serve", "--model", "gpt-4o");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown endpoint 'gpt-4o'", "tiny:CHECKPOINT_DIR", "gguf:PATH");
        CliRun remote = CliRun.of("serve", "--model", "openai:http://127.0.0.1:9/v1#x");
        assertThat(remote.exitCode()).isEqualTo(2);
        assertThat(remote.err()).contains("is a server already");
    }

    /**
     * The base student exported to GGUF and served by llama.cpp in this process ({@code gguf:PATH}):
     * the OpenAI adapter gets llama.cpp's greedy continuation, which is drp-tiny's own.
     */
    @Test
    void servesAGgufExportThroughLlamaCpp(@TempDir Path dir) throws Exception {
        TinyStudent base = TinyStudent.loadBase();
        Path file = dir.resolve("tiny-base.gguf");
        base.exportGguf(file, "tiny-base");
        String question = "There are 6 cows on the farm. 4 cows leave. 9 more cows arrive. How many cows are on the farm now?";
        String prompt = "<s><|user|>" + question + "<|assistant|>";
        try (ServedModel served = new ServedModel("tiny-gguf", ServeCommand.open("gguf:" + file));
             OpenAiServer server = OpenAiServer.start(served, "127.0.0.1", 0, line -> { });
             ChatModel model = ChatModelStack.of(InlineEndpoint.parse("openai:" + server.baseUrl() + "#tiny-gguf", null))
                     .environment(name -> null).build()) {
            assertThat(served.model().id().endpoint()).startsWith("gguf:");
            ChatResponse response = model.chat(ChatRequest.builder().rawPrompt(prompt).temperature(0.0).maxTokens(60).build());
            String tiny = base.tokenizer().decode(new Sampler(base.model(), base.chat().endOfReply(), 1)
                    .generate(List.of(base.tokenizer().encode(prompt)), SamplingOptions.greedy(60)).getFirst().tokens());
            assertThat(response.text()).startsWith("<think>").isEqualTo(tiny);
            assertThat(response.usage().completionTokens()).isEqualTo(60);
        }
    }
}
