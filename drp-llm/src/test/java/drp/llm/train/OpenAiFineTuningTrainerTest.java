package drp.llm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.sft.BuildStage;
import drp.core.sft.SftExample;
import drp.core.train.TrainedModel;
import drp.core.train.TrainerContract;
import drp.core.train.TrainingJob;
import drp.core.train.TrainingListener;
import drp.core.train.TrainingSpec;
import drp.llm.testing.ScriptedFineTuningApi;
import drp.llm.testing.ScriptedOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hosted fine-tuning against a scripted OpenAI fine-tuning API on loopback: progress, resume by job id, failure. */
class OpenAiFineTuningTrainerTest {

    static final String KEY = "sk-test-0123456789abcdef";

    @TempDir
    Path dir;

    private ScriptedOpenAiServer server;
    private ScriptedFineTuningApi api;

    @BeforeEach
    void start() {
        server = ScriptedOpenAiServer.start();
        api = ScriptedFineTuningApi.on(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TrainingJob job() throws Exception {
        List<SftExample> examples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            examples.add(new SftExample("p" + i, SftExample.PRUNED, List.of(new SftExample.Message("user", "Q" + i),
                    new SftExample.Message("assistant", "<think>\nr" + i + "\n</think>\n\nThe answer is " + i + ".")), 0));
        }
        Path data = Files.writeString(dir.resolve("sft.jsonl"), BuildStage.jsonl(examples));
        TrainingSpec spec = new TrainingSpec(3, 1e-5, 7, Map.of("base_url", server.baseUrl(), "poll", "1ms",
                "suffix", "drp"));
        return new TrainingJob("drp", "gpt-4o-mini-2024-07-18", data, spec, dir.resolve("models/drp"));
    }

    @Test
    void uploadsCreatesTheJobFollowsItsStepsAndReturnsTheFineTunedModel() throws Exception {
        OpenAiFineTuningTrainer trainer = new OpenAiFineTuningTrainer(Map.of("OPENAI_API_KEY", KEY));
        TrainerContract.Recorder seen = new TrainerContract.Recorder();
        TrainedModel model = trainer.train(job(), seen);
        assertThat(model.trained()).isTrue();
        assertThat(model.endpoint()).isEqualTo("openai:" + server.baseUrl() + "#ft:gpt-4o-mini-2024-07-18:org-drp::"
                + model.record().get("job_id").toString().substring(6));
        assertThat(seen.total).isEqualTo(4);
        assertThat(seen.losses).containsExactly(2.0, 1.0, 0.6667, 0.5);
        assertThat(seen.notes).anyMatch(n -> n.contains("Fine-tuning job started"));
        assertThat(api.uploads()).singleElement().asString().contains("{\"messages\":[{\"role\":\"user\",\"content\":\"Q0\"}");
        assertThat(api.jobsCreated()).singleElement().satisfies(body -> {
            assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
            assertThat(body.at("/hyperparameters/n_epochs").asLong()).isEqualTo(3);
            assertThat(body.path("seed").asLong()).isEqualTo(7);
            assertThat(body.path("suffix").asText()).isEqualTo("drp");
        });
        String state = Files.readString(dir.resolve("models/drp/job.json"));
        assertThat(state).contains("ftjob-", "file-ft", "fine_tuned_model").doesNotContain(KEY);

        TrainerContract.Recorder again = new TrainerContract.Recorder();
        assertThat(trainer.train(job(), again).trained()).isFalse();
        assertThat(api.uploads()).hasSize(1);
        assertThat(api.jobsCreated()).hasSize(1);
    }

    @Test
    void aRunStoppedWhileTheJobTrainsPicksTheSameJobUpAgain() throws Exception {
        api.steps(400);
        TrainingJob job = job();
        AtomicReference<Throwable> stopped = new AtomicReference<>();
        Thread first = Thread.ofPlatform().start(() -> {
            try {
                new OpenAiFineTuningTrainer(Map.of()).train(job, TrainingListener.NONE);
            } catch (Throwable e) {
                stopped.set(e);
            }
        });
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (api.jobsCreated().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        first.interrupt();
        first.join(20_000);
        assertThat(stopped.get()).hasMessageContaining("picks it up again");
        api.steps(3);
        TrainedModel model = new OpenAiFineTuningTrainer(Map.of()).train(job, TrainingListener.NONE);
        assertThat(model.trained()).isTrue();
        assertThat(api.uploads()).as("nothing uploaded twice").hasSize(1);
        assertThat(api.jobsCreated()).as("no second job").hasSize(1);
    }

    @Test
    void aFailedJobIsAnErrorWithItsReason() throws Exception {
        api.failsWith("invalid_training_file", "line 2: messages must alternate");
        assertThatThrownBy(() -> new OpenAiFineTuningTrainer(Map.of()).train(job(), TrainingListener.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed: invalid_training_file: line 2: messages must alternate")
                .hasMessageContaining("job.json");
        assertThatThrownBy(() -> new OpenAiFineTuningTrainer(Map.of()).check("openai:http://x/v1#m",
                new TrainingSpec(1, 1e-5, 1, Map.of()))).hasMessageContaining("by its name");
        assertThatThrownBy(() -> new OpenAiFineTuningTrainer(Map.of()).check("gpt-4o-mini",
                new TrainingSpec(1, 1e-5, 1, Map.of("epochs", 3)))).hasMessageContaining("no option 'epochs'");
    }
}
