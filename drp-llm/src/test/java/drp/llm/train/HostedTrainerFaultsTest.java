package drp.llm.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import drp.core.sft.BuildStage;
import drp.core.sft.SftExample;
import drp.core.train.TrainedModel;
import drp.core.train.TrainerContract;
import drp.core.train.TrainingJob;
import drp.core.train.TrainingListener;
import drp.core.train.TrainingSpec;
import drp.llm.chat.RetryPolicy;
import drp.llm.chat.Sleeper;
import drp.llm.testing.Reply;
import drp.llm.testing.ScriptedFineTuningApi;
import drp.llm.testing.ScriptedOpenAiServer;
import drp.llm.testing.ScriptedTogetherApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both hosted trainers against a scripted API on loopback that misbehaves on purpose: rate limits
 * with Retry-After, server errors, a reply too slow for the client, a body that is not JSON, a
 * wrong key, a job that fails or is cancelled, and a run killed while the job trains. Counts the
 * requests the server saw.
 */
class HostedTrainerFaultsTest {

    static final String KEY = "sk-fault-0123456789abcdefXYZ";

    /** The two providers, with the paths of their calls as the server sees them ("METHOD /path"). */
    enum Provider {
        OPENAI("gpt-4o-mini-2024-07-18", "POST /v1/files", "POST /v1/fine_tuning/jobs", "GET /v1/fine_tuning/jobs/[^/]+",
                "GET /v1/fine_tuning/jobs/[^/]+/events", "POST /v1/fine_tuning/jobs/[^/]+/cancel", "cancelled"),
        TOGETHER("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", "POST /v1/files/upload", "POST /v1/fine-tunes",
                "GET /v1/fine-tunes/[^/]+", "GET /v1/fine-tunes/[^/]+/events", "POST /v1/fine-tunes/[^/]+/cancel",
                "cancel_requested");

        final String baseModel;
        final String upload;
        final String create;
        final String retrieve;
        final String events;
        final String cancel;
        final String cancelledStatus;

        Provider(String baseModel, String upload, String create, String retrieve, String events, String cancel,
                String cancelledStatus) {
            this.baseModel = baseModel;
            this.upload = upload;
            this.create = create;
            this.retrieve = retrieve;
            this.events = events;
            this.cancel = cancel;
            this.cancelledStatus = cancelledStatus;
        }

        HostedTrainer trainer(RetryPolicy retry, Sleeper sleeper) {
            Map<String, String> env = Map.of("OPENAI_API_KEY", KEY, "TOGETHER_API_KEY", KEY);
            return this == OPENAI ? new OpenAiFineTuningTrainer(env, retry, sleeper)
                    : new TogetherFineTuningTrainer(env, retry, sleeper);
        }
    }

    @TempDir
    Path dir;

    private final ScriptedOpenAiServer server = ScriptedOpenAiServer.start();
    /** What the trainer waited for, in order: back-off and polls. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Sleeper sleeper = d -> {
        waits.add(d);
        Thread.sleep(1);
    };
    private ScriptedFineTuningApi openai;
    private ScriptedTogetherApi together;

    @AfterEach
    void stop() {
        server.close();
    }

    private HostedTrainer trainer(Provider p) {
        if (openai == null && together == null) {
            if (p == Provider.OPENAI) {
                openai = ScriptedFineTuningApi.on(server);
            } else {
                together = ScriptedTogetherApi.on(server);
            }
        }
        return p.trainer(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), 2.0, 0.0,
                Duration.ofSeconds(30)), sleeper);
    }

    private TrainingJob job(Provider p, Map<String, Object> extra) throws Exception {
        List<SftExample> examples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            examples.add(new SftExample("p" + i, SftExample.PRUNED, List.of(new SftExample.Message("user", "Q" + i),
                    new SftExample.Message("assistant", "<think>\nr" + i + "\n</think>\n\nThe answer is " + i + ".")), 0));
        }
        Path data = Files.writeString(dir.resolve("sft.jsonl"), BuildStage.jsonl(examples));
        Map<String, Object> options = new LinkedHashMap<>(Map.of("base_url", server.baseUrl(), "poll", "1ms"));
        options.putAll(extra);
        return new TrainingJob("drp", p.baseModel, data, new TrainingSpec(2, 1e-5, 7, options), dir.resolve("models/drp"));
    }

    private long seen(String regex) {
        return server.received().stream().filter(r -> (r.method() + " " + r.path()).matches(regex)).count();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aRateLimitIsWaitedOutAsRetryAfterAsks(Provider p) throws Exception {
        HostedTrainer trainer = trainer(p);
        server.whenRequest(p.upload, Reply.rateLimited("7"));
        assertThat(trainer.train(job(p, Map.of()), TrainingListener.NONE).trained()).isTrue();
        assertThat(seen(p.upload)).isEqualTo(2);
        assertThat(waits.getFirst()).isEqualTo(Duration.ofSeconds(7));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void serverErrorsAreRetriedWithBackOffAndCreateNoSecondJob(Provider p) throws Exception {
        HostedTrainer trainer = trainer(p);
        server.whenRequest(p.create, Reply.status(500), Reply.status(503));
        assertThat(trainer.train(job(p, Map.of()), TrainingListener.NONE).trained()).isTrue();
        assertThat(seen(p.create)).isEqualTo(3);
        assertThat(created(p)).isEqualTo(1);
        assertThat(waits.subList(0, 2)).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aReplyTooSlowIsAskedAgain(Provider p) throws Exception {
        HostedTrainer trainer = trainer(p);
        server.whenRequest(p.retrieve, new Reply.Slow(Duration.ofSeconds(3), Reply.normal()));
        long start = System.nanoTime();
        assertThat(trainer.train(job(p, Map.of("timeout", "300ms")), TrainingListener.NONE).trained()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aBodyThatIsNotJsonIsAskedAgain(Provider p) throws Exception {
        HostedTrainer trainer = trainer(p);
        server.whenRequest(p.events, Reply.malformedJson());
        server.whenRequest(p.retrieve, Reply.malformedJson());
        assertThat(trainer.train(job(p, Map.of()), TrainingListener.NONE).trained()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void pollingGoesOnAcrossAnOutageLongerThanOneCallsRetries(Provider p) throws Exception {
        HostedTrainer trainer = trainer(p);
        server.whenRequest(p.retrieve, Reply.status(503), Reply.status(502), Reply.status(503), Reply.status(504),
                Reply.drop());
        TrainerContract.Recorder seen = new TrainerContract.Recorder();
        assertThat(trainer.train(job(p, Map.of()), seen).trained()).isTrue();
        assertThat(seen.notes).filteredOn(n -> n.contains("cannot look at fine-tuning job")).hasSize(1);
        assertThat(seen.losses).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aWrongKeyFailsAtOnceAndTheKeyIsInNoMessageNorFile(Provider p) throws Exception {
        HostedTrainer trainer = trainer(p);
        server.whenRequest(p.upload, new Reply.Status(401, Map.of(), "Incorrect API key provided: " + KEY
                + ". Invalid token " + KEY.substring(0, 20)));
        TrainerContract.Recorder seen = new TrainerContract.Recorder();
        assertThatThrownBy(() -> trainer.train(job(p, Map.of()), seen))
                .isInstanceOfSatisfying(ChatException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ChatFailure.AUTHENTICATION);
                    assertThat(e.retriable()).isFalse();
                })
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("check the API key's environment variable")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain(KEY.substring(0, 20)));
        assertThat(seen(p.upload)).as("no retry").isEqualTo(1);
        assertThat(seen.notes).noneMatch(n -> n.contains(KEY));
        assertThat(Files.readString(dir.resolve("models/drp/job.json"))).doesNotContain(KEY);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aJobThatFailsIsAnErrorWithTheProvidersReason(Provider p) throws Exception {
        HostedTrainer trainer = trainer(p);
        if (p == Provider.OPENAI) {
            openai.failsWith("invalid_training_file", "line 2 has no assistant turn");
        } else {
            together.failsWith("line 2 has no assistant turn");
        }
        assertThatThrownBy(() -> trainer.train(job(p, Map.of()), TrainingListener.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed: ")
                .hasMessageContaining("line 2 has no assistant turn");
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aRunKilledWhileTheJobTrainsResumesTheSameJobWithNoSecondUpload(Provider p) throws Exception {
        HostedTrainer first = trainer(p);
        steps(p, 100_000);
        TrainingJob job = job(p, Map.of());
        AtomicReference<Throwable> stopped = new AtomicReference<>();
        Thread run = inBackground(p, first, job, stopped);
        run.interrupt();
        run.join(20_000);
        assertThat(stopped.get()).hasMessageContaining("picks it up again");
        String jobId = state("job_id");

        steps(p, 2);
        TrainerContract.Recorder seen = new TrainerContract.Recorder();
        TrainedModel model = trainer(p).train(job, seen);
        assertThat(model.trained()).isTrue();
        assertThat(model.record().get("job_id")).isEqualTo(jobId);
        assertThat(seen.notes).contains("drp: resuming fine-tuning job " + jobId);
        assertThat(seen(p.upload)).as("one upload").isEqualTo(1);
        assertThat(seen(p.create)).as("one job").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aCancelledJobEndsTheRunAndIsRecorded(Provider p) throws Exception {
        HostedTrainer trainer = trainer(p);
        steps(p, 100_000);
        TrainingJob job = job(p, Map.of("poll", "20ms"));
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread run = inBackground(p, trainer, job, ended);
        server.whenRequest(p.cancel, Reply.status(503));
        assertThat(trainer(p).cancel(job.output())).isEqualTo(p.cancelledStatus);
        run.join(20_000);
        assertThat(ended.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("was cancelled");
        assertThat(seen(p.cancel)).isEqualTo(2);
        assertThat(state("cancelled_at")).isNotNull();
        assertThatThrownBy(() -> trainer(p).train(job, TrainingListener.NONE)).hasMessageContaining("was cancelled");
    }

    /** Trains {@code job} on another thread, its failure into {@code ended}; returns once the job is polled. */
    private Thread inBackground(Provider p, HostedTrainer trainer, TrainingJob job, AtomicReference<Throwable> ended)
            throws InterruptedException {
        Thread run = Thread.ofPlatform().start(() -> {
            try {
                trainer.train(job, TrainingListener.NONE);
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (seen(p.retrieve) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return run;
    }

    private void steps(Provider p, int n) {
        if (p == Provider.OPENAI) {
            openai.steps(n);
        } else {
            together.steps(n);
        }
    }

    private long created(Provider p) {
        return p == Provider.OPENAI ? openai.jobsCreated().size() : together.jobsCreated().size();
    }

    private String state(String key) throws Exception {
        Object value = drp.core.io.JsonCodec.MAPPER.readTree(dir.resolve("models/drp/job.json").toFile()).get(key);
        return value == null ? null : ((com.fasterxml.jackson.databind.JsonNode) value).asText();
    }
}
