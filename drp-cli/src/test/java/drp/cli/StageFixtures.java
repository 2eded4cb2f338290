package drp.cli;

import drp.llm.testing.ScriptedOpenAiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files and servers the stage tests share. */
final class StageFixtures {

    private StageFixtures() {}

    /** A scripted OpenAI-compatible server answering as {@link StubStudent} (and its teacher). */
    static ScriptedOpenAiServer server() {
        return ScriptedOpenAiServer.start().answerWith(new StubStudent());
    }

    static String endpoint(ScriptedOpenAiServer server, String model) {
        return "openai:" + server.baseUrl() + "#" + model;
    }

    /** Retries as the tests want them: fast. */
    static final String[] FAST = {"--backoff", "1ms", "--max-attempts", "4"};

    /**
     * A data folder with small GSM8K train and test files and a MATH500 file of "Compute A op B."
     * problems; the stub student gets additions right and subtractions wrong.
     */
    static Path data(Path dir) {
        try {
            Path benchmarks = dir.resolve("data/benchmarks");
            Files.createDirectories(benchmarks.resolve("gsm8k"));
            Files.createDirectories(benchmarks.resolve("math500"));
            StringBuilder train = new StringBuilder();
            StringBuilder test = new StringBuilder();
            StringBuilder math = new StringBuilder();
            for (int i = 1; i <= 6; i++) {
                boolean add = i % 3 != 0;
                int a = 10 * i;
                int b = i + 1;
                String q = "Compute " + a + (add ? " + " : " - ") + b + ".";
                int gold = add ? a + b : a - b;
                String line = "{\"question\": \"" + q + "\", \"answer\": \"We work it out.\\n#### " + gold + "\"}\n";
                train.append(line);
                test.append(line);
                math.append("{\"problem\": \"" + q + "\", \"answer\": \"" + gold + "\", \"unique_id\": \"test/algebra/" + i + ".json\"}\n");
            }
            Files.writeString(benchmarks.resolve("gsm8k/train.jsonl"), train);
            Files.writeString(benchmarks.resolve("gsm8k/test.jsonl"), test);
            Files.writeString(benchmarks.resolve("math500/test.jsonl"), math);
            return dir.resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
