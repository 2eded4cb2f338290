package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import drp.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code kill -9} of a running {@code drp prune} process, then a rerun: the resumed output
 * must hold every trace exactly once, with the same content as an uninterrupted run.
 */
class KillAndResumeTest {

    @TempDir
    Path dir;

    private Process start(Path input, Path run) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "drp.cli.Main",
                "prune", "--in", input.toString(), "--out", run.toString(), "--threads", "1", "--all"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("process-" + run.getFileName() + ".log").toFile()).start();
    }

    private static Map<String, String> byId(Path pruned) throws IOException {
        Map<String, String> records = new HashMap<>();
        for (String line : Files.readAllLines(pruned)) {
            JsonNode node = JsonCodec.MAPPER.readTree(line);
            String previous = records.put(node.get("id").asText(), node.path("synthesized").asText(node.get("status").asText()));
            assertThat(previous).as("duplicate id %s", node.get("id").asText()).isNull();
        }
        return records;
    }

    @Test
    void aKilledPruneResumesWithoutDuplicatesOrGaps() throws Exception {
        Path input = SharedData.r1Traces();
        Path killed = dir.resolve("killed");
        Process p = start(input, killed);
        Path pruned = killed.resolve("pruned.jsonl");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && p.isAlive()
                && (!Files.exists(pruned) || Files.readAllLines(pruned).size() < 10)) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as("the run finished before it could be killed; see %s", dir).isTrue();
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int linesAtKill = Files.readAllLines(pruned).size();
        assertThat(linesAtKill).isBetween(10, 152);

        Process resume = start(input, killed);
        assertThat(resume.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(resume.exitValue()).isZero();

        Process clean = start(input, dir.resolve("clean"));
        assertThat(clean.waitFor(300, TimeUnit.SECONDS)).isTrue();

        Map<String, String> resumed = byId(pruned);
        Map<String, String> uninterrupted = byId(dir.resolve("clean/pruned.jsonl"));
        assertThat(resumed).hasSize(153).isEqualTo(uninterrupted);
        JsonNode runs = JsonCodec.MAPPER.readTree(killed.resolve("run.json").toFile()).get("stages").get("prune");
        assertThat(runs).hasSize(1); // the killed run never reached its record; the resumed one did
        assertThat(runs.get(0).get("counts").get("already_done").asInt()).isGreaterThanOrEqualTo(linesAtKill - 1);
    }
}
