package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.FinishReason;
import drp.llm.endpoint.ChatModelStack;
import drp.llm.endpoint.InlineEndpoint;
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
            Matcher m = Pattern.compile("serving tiny \\(tiny:base#base\\) at (http://127\\.0\\.0\\.1:\\d+/v1)").matcher(first);
            assertThat(m.find()).as(first).isTrue();
            String endpoint = "openai:" + m.group(1) + "#tiny";
            assertThat(out.readLine()).isEqualTo("  endpoint for drp: " + endpoint);

            try (ChatModel model = ChatModelStack.of(InlineEndpoint.parse(endpoint, null)).environment(name -> null).build()) {
                ChatResponse response = model.chat(ChatRequest.builder()
                        .user("A farm has 3 hens. 4 more hens arrive. How many hens are on the farm now?")
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
        CliRun gguf = CliRun.of("serve", "--model", "gguf:model.gguf");
        assertThat(gguf.exitCode()).isEqualTo(2);
        assertThat(gguf.err()).contains("GGUF");
        CliRun missing = CliRun.of("serve", "--model", "tiny:/no/such/checkpoint");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such checkpoint folder");
        CliRun unknown = CliRun.of("serve", "--model", "gpt-4o");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("write base, tiny:base or tiny:CHECKPOINT_DIR");
    }
}
