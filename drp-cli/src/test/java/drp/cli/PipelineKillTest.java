package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.core.io.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code kill -9} of {@code drp run configs/demo.yaml --profile quick} (with the align stage) at a random point
 * inside each stage, then a rerun into the same directory: every record of the resumed run equals
 * the uninterrupted run's, with no duplicate and no gap.
 */
class PipelineKillTest {

    static final Path PIPELINE = Path.of("..", "configs", "demo.yaml");

    @TempDir
    static Path dir;

    /** The align stage runs too (the base student scores its originals and the DRP targets). */
    static final String ALIGN = "align.enabled=true";

    static Path whole;

    @BeforeAll
    static void runWhole() {
        whole = dir.resolve("whole");
        CliRun run = CliRun.of("run", PIPELINE.toString(), "--profile", "quick", "--set", ALIGN, "--out", whole.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /** The moment to kill, per stage: a state of the run directory reached inside that stage. */
    private static Predicate<Path> insideStage(String stage, Random random) {
        int lines = 1 + random.nextInt(12);
        return switch (stage) {
            case "sample" -> run -> lines(run.resolve("completions.jsonl")) >= lines;
            case "prune" -> run -> lines(run.resolve("pruned.jsonl")) >= lines;
            case "build" -> run -> log(run).contains("-- build");
            case "align" -> run -> lines(run.resolve("original/align.jsonl")) >= lines;
            case "distill" -> run -> log(run).contains("distill drp:");
            case "eval" -> run -> lines(run.resolve("eval/base/tiny-world-test.completions.jsonl")) >= lines;
            default -> throw new IllegalArgumentException(stage);
        };
    }

    @ParameterizedTest(name = "killed inside {0}")
    @ValueSource(strings = {"sample", "prune", "build", "align", "distill", "eval"})
    void aRunKilledInsideAStageResumesToTheSameRecords(String stage) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path killed = dir.resolve("killed-" + stage);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("killed-" + stage + ".log");
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), "drp.cli.Main", "run", PIPELINE.toString(), "--profile", "quick",
                "--set", ALIGN, "--out", killed.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Predicate<Path> reached = insideStage(stage, random);
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline && p.isAlive() && !reached.test(killed)) {
            Thread.sleep(2);
        }
        Thread.sleep(random.nextInt(stage.equals("distill") ? 400 : 30));
        assertThat(p.isAlive()).as("the run ended before %s could be killed (seed %d):%n%s", stage, seed,
                Files.readString(log)).isTrue();
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        CliRun resumed = CliRun.of("run", PIPELINE.toString(), "--profile", "quick", "--set", ALIGN, "--out",
                killed.toString());
        assertThat(resumed.exitCode()).as("resume after a kill inside %s (seed %d): %s", stage, seed, resumed.err()).isZero();
        for (String file : List.of("completions.jsonl", "pruned.jsonl", "original/align.jsonl", "align.jsonl",
                "eval/base/tiny-world-test.jsonl",
                "eval/base/tiny-world-test-greedy.jsonl", "eval/drp/tiny-world-test.jsonl",
                "eval/drp/tiny-world-test-greedy.jsonl", "eval/drp/tiny-world-test.completions.jsonl")) {
            assertThat(PipelineRecords.byId(killed.resolve(file))).as("%s after a kill inside %s (seed %d)", file, stage, seed)
                    .isEqualTo(PipelineRecords.byId(whole.resolve(file)));
        }
        assertThat(killed.resolve("sft.jsonl")).hasSameTextualContentAs(whole.resolve("sft.jsonl"));
        assertThat(killed.resolve("models/drp/model.safetensors")).hasSameBinaryContentAs(
                whole.resolve("models/drp/model.safetensors"));
        assertThat(withoutTimes(killed.resolve("summary.json"))).isEqualTo(withoutTimes(whole.resolve("summary.json")));
    }

    private static JsonNode withoutTimes(Path summary) throws IOException {
        ObjectNode copy = (ObjectNode) JsonCodec.MAPPER.readTree(summary.toFile());
        copy.remove("seconds");
        return copy;
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // a line being written is not valid UTF-8 yet
        }
    }

    private static String log(Path run) {
        try {
            Path log = run.resolve("drp.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
