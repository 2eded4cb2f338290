package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import drp.llm.serve.OpenAiServer;
import drp.llm.serve.ServedModel;
import drp.tiny.base.BaseStudentRecipe;
import drp.tiny.chat.TinyChatModel;
import drp.tiny.world.WordProblem;
import drp.tiny.world.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded student through the stages' own endpoint resolution: {@code drp sample --model
 * tiny:base} (an in-process model found through the provider), and {@code drp eval} against
 * {@code drp serve}'s server (the OpenAI adapter over loopback), on a data folder holding the tiny
 * world's problems in GSM8K's format. These check the plumbing, not the student's accuracy: the
 * stages append R1's instruction to each question, which the tiny student was never trained on.
 */
class TinyEndpointTest {

    @TempDir
    Path dir;

    /** The first problems of each split, written as benchmarks/gsm8k/{train,test}.jsonl. */
    private Path data(int count) throws IOException {
        World world = new World(BaseStudentRecipe.defaults().world());
        Path gsm8k = Files.createDirectories(dir.resolve("data/benchmarks/gsm8k"));
        write(gsm8k.resolve("train.jsonl"), world.train(2, count));
        write(gsm8k.resolve("test.jsonl"), world.test(1, count));
        return dir.resolve("data");
    }

    private static void write(Path file, List<WordProblem> problems) throws IOException {
        List<String> lines = new ArrayList<>();
        for (WordProblem p : problems) {
            lines.add(JsonCodec.line(Map.of("question", p.question(), "answer", "#### " + p.answer())));
        }
        Files.write(file, lines);
    }

    private static List<JsonNode> jsonl(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JsonCodec.MAPPER.readTree(line));
        }
        return nodes;
    }

    @Test
    void drpSampleTalksToTheShippedBaseStudentInProcess() throws Exception {
        Path run = dir.resolve("sample");
        CliRun result = CliRun.of("sample", "--model", "tiny:base", "--dataset", "gsm8k:train", "--data",
                data(6).toString(), "--greedy", "--max-tokens", "448", "--out", run.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<JsonNode> completions = jsonl(run.resolve("completions.jsonl"));
        assertThat(completions).hasSize(6);
        for (JsonNode c : completions) {
            assertThat(c.get("model").asText()).isEqualTo("base");
            assertThat(c.get("text").asText()).contains("</think>").contains("The answer is");
            assertThat(c.get("think").asText()).isNotBlank();
            assertThat(c.get("output_tokens").asInt()).isPositive();
            assertThat(c.get("finish_reason").asText()).isEqualTo("stop");
        }
        // no accuracy is asserted: the stages send R1's instruction ("Please reason step by step, and put
        // your final answer within \boxed{}") after the question, words the tiny student never saw
    }

    @Test
    void drpEvalTalksToDrpServeOverTheOpenAiAdapter() throws Exception {
        Path run = dir.resolve("eval");
        Path data = data(6);
        try (ServedModel served = ServeCommand.served("tiny", TinyChatModel.open(TinyChatModel.BASE));
             OpenAiServer server = OpenAiServer.start(served, "127.0.0.1", 0, line -> { })) {
            CliRun result = CliRun.of("eval", "--model", "openai:" + server.baseUrl() + "#tiny", "--benchmarks", "gsm8k",
                    "--data", data.toString(), "--greedy", "--max-tokens", "448", "--out", run.toString());
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("tiny gsm8k:test: n=6");
        }
        JsonNode entry = JsonCodec.MAPPER.readTree(run.resolve("summary.json").toFile()).at("/models/tiny/gsm8k:test");
        assertThat(entry.get("n").asInt()).isEqualTo(6);
        assertThat(entry.get("failures").asInt()).isZero();
        assertThat(entry.get("mean_tokens").asDouble()).isGreaterThan(50);
        assertThat(entry.get("accuracy").isNumber()).isTrue();
        for (JsonNode c : jsonl(run.resolve("eval/tiny/gsm8k-test.completions.jsonl"))) {
            assertThat(c.get("text").asText()).contains("</think>");
        }
    }
}
