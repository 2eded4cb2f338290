package drp.llm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.sft.BuildStage;
import drp.core.sft.SftExample;
import drp.core.train.TrainedModel;
import drp.core.train.TrainerContract;
import drp.core.train.TrainerProvider;
import drp.core.train.TrainingJob;
import drp.core.train.TrainingListener;
import drp.core.train.TrainingSpec;
import drp.llm.chat.RetryPolicy;
import drp.llm.testing.ScriptedOpenAiServer;
import drp.llm.testing.ScriptedTogetherApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Together's fine-tuning API, scripted on loopback: the request it gets, progress, the model, failure, cancel. */
class TogetherFineTuningTrainerTest {

    static final String KEY = "tgp_v1_test0123456789abcdef";
    static final String BASE = "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference";

    @TempDir
    Path dir;

    private ScriptedOpenAiServer server;
    private ScriptedTogetherApi api;

    @BeforeEach
    void start() {
        server = ScriptedOpenAiServer.start();
        api = ScriptedTogetherApi.on(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TogetherFineTuningTrainer trainer() {
        return new TogetherFineTuningTrainer(Map.of("TOGETHER_API_KEY", KEY), RetryPolicy.NONE, d -> Thread.sleep(1));
    }

    private TrainingJob job(Map<String, Object> extra) throws Exception {
        List<SftExample> examples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            examples.add(new SftExample("p" + i, SftExample.PRUNED, List.of(new SftExample.Message("user", "Q" + i),
                    new SftExample.Message("assistant", "<think>\nr" + i + "\n</think>\n\nThe answer is " + i + ".")), 0));
        }
        Path data = Files.writeString(dir.resolve("sft.jsonl"), BuildStage.jsonl(examples));
        Map<String, Object> options = new LinkedHashMap<>(Map.of("base_url", server.baseUrl(), "poll", "1ms",
                "suffix", "drp"));
        options.putAll(extra);
        return new TrainingJob("drp", BASE, data, new TrainingSpec(2, 1e-5, 7, options), dir.resolve("models/drp"));
    }

    @Test
    void uploadsCreatesALoraFineTuneFollowsItsStepsAndReturnsItsOutputName() throws Exception {
        TrainerContract.Recorder seen = new TrainerContract.Recorder();
        TrainedModel model = trainer().train(job(Map.of("lora_r", 8, "warmup_ratio", 0.1)), seen);

        assertThat(model.trained()).isTrue();
        String jobId = model.record().get("job_id").toString();
        assertThat(model.endpoint()).isEqualTo("openai:" + server.baseUrl() + "#drp-user/Meta-Llama-3.1-8B-Instruct-"
                + "Reference-drp-" + jobId);
        assertThat(seen.total).isEqualTo(4);
        assertThat(seen.losses).containsExactly(2.0, 1.0, 2.0 / 3, 0.5);
        assertThat(seen.notes).anyMatch(n -> n.contains("Training started"));
        assertThat(api.uploads()).singleElement().asString().startsWith("{\"messages\":[{\"role\":\"user\",\"content\":\"Q0\"}");
        assertThat(api.uploadBodies().getFirst()).contains("name=\"purpose\"\r\n\r\nfine-tune\r\n",
                "name=\"file_name\"\r\n\r\ndrp-drp-", "name=\"file_type\"\r\n\r\njsonl\r\n");
        assertThat(api.jobsCreated()).singleElement().satisfies(body -> {
            assertThat(body.path("model").asText()).isEqualTo(BASE);
            assertThat(body.path("training_file").asText()).isEqualTo(model.record().get("file_id"));
            assertThat(body.path("n_epochs").asLong()).isEqualTo(2);
            assertThat(body.path("learning_rate").asDouble()).isEqualTo(1e-5);
            assertThat(body.path("warmup_ratio").asDouble()).isEqualTo(0.1);
            assertThat(body.path("batch_size").asText()).isEqualTo("max");
            assertThat(body.path("suffix").asText()).isEqualTo("drp");
            assertThat(body.at("/training_type/type").asText()).isEqualTo("Lora");
            assertThat(body.at("/training_type/lora_r").asLong()).isEqualTo(8);
            assertThat(body.at("/training_type/lora_alpha").asLong()).isEqualTo(16);
            assertThat(body.at("/training_type/lora_trainable_modules").asText()).isEqualTo("all-linear");
            assertThat(body.at("/training_method/method").asText()).isEqualTo("sft");
            assertThat(body.at("/training_method/train_on_inputs").asBoolean(true)).isFalse();
        });
        assertThat(server.received()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + KEY));
        String state = Files.readString(dir.resolve("models/drp/job.json"));
        assertThat(state).contains("\"trainer\" : \"together\"", "TOGETHER_API_KEY", "\"status\" : \"completed\"")
                .doesNotContain(KEY);

        int requests = server.received().size();
        assertThat(trainer().train(job(Map.of("lora_r", 8, "warmup_ratio", 0.1)), TrainingListener.NONE).trained())
                .isFalse();
        assertThat(server.received()).as("a trained model is found in job.json, not asked for").hasSize(requests);
    }

    @Test
    void fullFineTuningWhenLoraIsOffAndTheProviderIsFoundByName() throws Exception {
        trainer().train(job(Map.of("lora", false, "batch_size", 8)), TrainingListener.NONE);
        assertThat(api.jobsCreated().getFirst().at("/training_type/type").asText()).isEqualTo("Full");
        assertThat(api.jobsCreated().getFirst().path("batch_size").asLong()).isEqualTo(8);
        assertThat(TrainerProvider.find("together").name()).isEqualTo("together");
    }

    @Test
    void theDryRunPlanNamesTheRequestAndTheKeyVariable() {
        List<String> plan = new TogetherFineTuningTrainer().plan(BASE, new TrainingSpec(3, 2e-5, 1, Map.of()),
                Path.of("RUN_DIR/models/drp"));
        assertThat(plan).singleElement().asString().contains("https://api.together.xyz/v1", BASE, "n_epochs 3",
                "learning_rate 2.0E-5", "\"type\":\"Lora\"", "\"lora_r\":16", "\"train_on_inputs\":false",
                "$TOGETHER_API_KEY", "RUN_DIR/models/drp/job.json", "openai:https://api.together.xyz/v1#FINE_TUNED_MODEL");
    }

    @Test
    void checkRefusesWhatTogetherCannotTake() {
        TogetherFineTuningTrainer trainer = trainer();
        assertThatThrownBy(() -> trainer.check("tiny:base", new TrainingSpec(1, 1e-5, 1, Map.of())))
                .hasMessageContaining("a model Together hosts");
        assertThatThrownBy(() -> trainer.check(BASE, new TrainingSpec(1, 1e-5, 1, Map.of("learning_rate_multiplier", 2))))
                .hasMessageContaining("no option 'learning_rate_multiplier'");
        assertThatThrownBy(() -> trainer.check(BASE, new TrainingSpec(1, 1e-5, 1, Map.of("lora_r", "big"))))
                .hasMessageContaining("lora_r must be a number");
        assertThatThrownBy(() -> trainer.check(BASE, new TrainingSpec(1, 1e-5, 1, Map.of("warmup_ratio", 2))))
                .hasMessageContaining("warmup_ratio must be in [0, 1]");
    }

    @Test
    void aJobThatEndsInErrorIsAnErrorWithItsReason() throws Exception {
        api.failsWith("Training file has 2 lines with no assistant turn");
        assertThatThrownBy(() -> trainer().train(job(Map.of()), TrainingListener.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed: error: Training file has 2 lines with no assistant turn")
                .hasMessageContaining("job.json");
    }

    @Test
    void cancelStopsTheJobAndALaterRunSaysSoWithoutAskingAgain() throws Exception {
        api.steps(100_000);
        TrainingJob job = job(Map.of("poll", "20ms"));
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread run = Thread.ofPlatform().start(() -> {
            try {
                trainer().train(job, TrainingListener.NONE);
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (api.jobsCreated().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        assertThat(trainer().cancel(job.output())).isEqualTo("cancel_requested");
        run.join(20_000);
        assertThat(ended.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("was cancelled");
        assertThat(server.count("/cancel")).isEqualTo(1);

        int requests = server.received().size();
        assertThatThrownBy(() -> trainer().train(job, TrainingListener.NONE))
                .hasMessageContaining("was cancelled (drp distill cancel, ")
                .hasMessageContaining("delete " + job.output().resolve("job.json"));
        assertThat(server.received()).hasSize(requests);
        assertThat(Files.readString(job.output().resolve("job.json"))).contains("cancelled_at");
    }

    @Test
    void cancelOfAFolderWithNoJobSaysSo() {
        assertThatThrownBy(() -> trainer().cancel(dir)).hasMessageContaining("holds no hosted fine-tuning job");
        assertThatThrownBy(() -> new TrlTrainer().cancel(dir)).hasMessageContaining("has no hosted job to cancel");
    }
}
