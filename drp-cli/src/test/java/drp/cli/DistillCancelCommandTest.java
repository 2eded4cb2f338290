package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import drp.llm.testing.ScriptedOpenAiServer;
import drp.llm.testing.ScriptedTogetherApi;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drp distill cancel}: a pipeline whose distill stage runs on Together's API (scripted on
 * loopback) is cancelled from another command; the run stops saying so, and a later run says so
 * again without asking the provider.
 */
class DistillCancelCommandTest {

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

    private CliRun run(Path run, String... more) {
        String[] args = {"run", RunCommandTest.DEMO, "--profile", "quick", "--until", "distill",
                "--set", "distill.trainer=together", "--set", "distill.base_model=" + BASE,
                "--set", "distill.options={base_url: " + server.baseUrl() + ", poll: 20ms}", "--out", run.toString()};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void aRunningTogetherJobIsCancelledAndTheRunSaysSoNowAndLater() throws Exception {
        api.steps(1_000_000);
        Path run = dir.resolve("run");
        AtomicReference<CliRun> first = new AtomicReference<>();
        Thread pipeline = Thread.ofPlatform().start(() -> first.set(run(run)));
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (server.count("/events") < 2 && System.nanoTime() < deadline && pipeline.isAlive()) {
            Thread.sleep(20);
        }
        assertThat(api.jobsCreated()).as("the distill stage created its job").hasSize(1);

        CliRun cancel = CliRun.of("distill", "cancel", run.toString());
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        assertThat(cancel.out()).containsPattern("drp: together fine-tuning job ft-\\S+: cancel_requested");
        pipeline.join(60_000);
        assertThat(first.get().exitCode()).isNotZero();
        assertThat(first.get().err()).contains("was cancelled (drp distill cancel, ", "job.json to start another job");

        int requests = server.received().size();
        CliRun again = run(run);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("was cancelled (drp distill cancel, ");
        assertThat(server.received()).as("job.json says it; the provider is not asked").hasSize(requests);
        assertThat(CliRun.of("distill", "cancel", run.toString()).out()).contains("was already cancelled at");
        assertThat(api.uploads()).hasSize(1);
    }

    @Test
    void theDryRunNamesTogethersRequestAndCancelSaysWhenThereIsNoJob() {
        CliRun plan = run(dir.resolve("plan"), "--dry-run");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("trainer together fine-tunes " + BASE, "training_type",
                "\"train_on_inputs\":false", "$TOGETHER_API_KEY");

        CliRun none = CliRun.of("distill", "cancel", dir.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no hosted fine-tuning job in " + dir);
    }
}
