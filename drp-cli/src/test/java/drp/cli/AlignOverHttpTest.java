package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import drp.cli.pipeline.StudentRendering;
import drp.core.align.Candidate;
import drp.core.align.Candidates;
import drp.core.answer.AnswerFormat;
import drp.core.chat.Prompt;
import drp.core.chat.ScoreRequest;
import drp.core.chat.ScoredToken;
import drp.core.chat.TargetScore;
import drp.core.io.JsonCodec;
import drp.core.sft.BuildStage;
import drp.core.sft.SftFilters;
import drp.core.stage.PruneStage;
import drp.core.stage.PrunedRecord;
import drp.core.testing.SharedData;
import drp.llm.serve.OpenAiServer;
import drp.tiny.TinyStudent;
import drp.tiny.chat.TinyChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drp align} the way a real student is aligned: targets rendered through a Hugging Face chat
 * template (the student's tokenizer checks them), scored over HTTP by an OpenAI-compatible server
 * that echoes log-probabilities as vLLM does (drp's own {@code serve}, here with the embedded
 * student behind it). Every score equals the model's own log-probabilities of the same rendered
 * prompt and completion, taken in process over the whole text.
 */
class AlignOverHttpTest {

    @TempDir
    static Path dir;

    static OpenAiServer server;
    static TinyChatModel student;
    static Path run;

    @BeforeAll
    static void serveAndPrune() throws java.io.IOException {
        SharedData.require("tokenizers/qwen2/tokenizer.json");
        SharedData.require("tokenizers/deepseek-r1-distill-qwen/tokenizer_config.json");
        student = new TinyChatModel(TinyStudent.loadBase(), new drp.core.chat.ModelId("tiny:base", "base"));
        server = OpenAiServer.start(ServeCommand.served("tiny", student), "127.0.0.1", 0, line -> { });
        run = dir.resolve("run");
        CliRun r = CliRun.of("run", RunCommandTest.DEMO, "--profile", "quick", "--set", "sample.limit=8", "--until", "prune",
                "--out", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void scoresOverHttpThroughTheChatTemplateEqualTheModelsOwn() throws Exception {
        Path template = SharedData.root().resolve("tokenizers/deepseek-r1-distill-qwen");
        Path tokenizer = SharedData.root().resolve("tokenizers/qwen2");
        Path out = dir.resolve("align");
        CliRun r = CliRun.of("align", "--pruned", run.resolve("pruned.jsonl").toString(),
                "--student", "openai:" + server.baseUrl() + "#tiny", "--chat-template", template.toString(),
                "--tokenizer", tokenizer.toString(), "--answer-format", "the_answer_is", "--out", out.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();

        Map<String, JsonNode> scored = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("align.jsonl"))) {
            JsonNode node = JsonCodec.MAPPER.readTree(line);
            scored.put(node.path("key").asText(), node);
        }
        BuildStage format = new BuildStage(SftFilters.DEFAULT, AnswerFormat.THE_ANSWER_IS, AnswerCheckers.standard(),
                drp.llm.token.TokenizerLoader.load(tokenizer));
        List<PrunedRecord> records = PruneStage.read(run.resolve("pruned.jsonl"));
        int compared = 0;
        try (StudentRendering rendering = StudentRendering.open(template.toString(), tokenizer.toString(), "test")) {
            for (PrunedRecord record : records) {
                for (Candidate c : List.of(Candidates.original(record, format).orElseThrow(),
                        Candidates.pruned(record, "run", format).orElseThrow())) {
                    JsonNode line = scored.get(c.key());
                    assertThat(line).as(c.key()).isNotNull();
                    // the server tokenizes prompt and completion as one text, as vLLM does: the target's
                    // tokens are those that end after the prompt (one may straddle the seam)
                    ScoreRequest request = rendering.request(c);
                    String prompt = ((Prompt.Text) request.prompt()).text();
                    TargetScore whole = student.scoreText(prompt + request.target());
                    List<ScoredToken> target = whole.tokens().stream()
                            .filter(t -> t.offset() + t.text().length() > prompt.length()).toList();
                    double nll = -target.stream().mapToDouble(ScoredToken::logprob).sum();
                    assertThat(line.path("tokens").asInt()).as(c.key()).isEqualTo(target.size());
                    assertThat(line.path("total_nll").asDouble()).as(c.key()).isCloseTo(nll, within(1e-4 * target.size()));
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(2 * records.size()).isPositive();
        assertThat(r.out()).contains("candidates " + compared + " = 0 scored before + " + compared + " scored now + 0 failed");
    }
}
