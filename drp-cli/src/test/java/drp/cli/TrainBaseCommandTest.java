package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drp tiny train-base} with the quick recipe: progress, the printed record, determinism. */
class TrainBaseCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsDeterministicallyAndPrintsTheTrainingRecord() throws Exception {
        CliRun first = CliRun.of("tiny", "train-base", "--quick", "--out", dir.resolve("a").toString());
        CliRun second = CliRun.of("tiny", "train-base", "--quick", "--steps", "6", "--out", dir.resolve("b").toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("train base 6/6", "loss", "tok/s", "evaluate");
        assertThat(first.out()).contains("parameters", "loss curve", "greedy test", "weights sha256",
                "drp demo --base " + dir.resolve("a"));
        for (String file : new String[] {"config.json", "model.safetensors", "tiny_tokenizer.json", "training_record.json"}) {
            assertThat(dir.resolve("a").resolve(file)).isNotEmptyFile();
        }
        JsonNode a = JsonCodec.MAPPER.readTree(Files.readString(dir.resolve("a/training_record.json")));
        JsonNode b = JsonCodec.MAPPER.readTree(Files.readString(dir.resolve("b/training_record.json")));
        assertThat(a.get("weightsSha256").asText()).isNotBlank().isEqualTo(b.get("weightsSha256").asText());
        assertThat(Files.readAllBytes(dir.resolve("a/model.safetensors"))).isEqualTo(Files.readAllBytes(dir.resolve("b/model.safetensors")));
        assertThat(first.out()).contains(a.get("weightsSha256").asText());
    }

    @Test
    void refusesBadOptions() throws Exception {
        CliRun steps = CliRun.of("tiny", "train-base", "--quick", "--steps", "0", "--out", dir.resolve("x").toString());
        assertThat(steps.exitCode()).isEqualTo(2);
        assertThat(steps.err()).contains("--steps must be at least 1");
        Path file = Files.writeString(dir.resolve("file"), "x");
        CliRun out = CliRun.of("tiny", "train-base", "--quick", "--out", file.toString());
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.err()).contains("is a file");
        CliRun missing = CliRun.of("tiny");
        assertThat(missing.exitCode()).isEqualTo(2);
    }
}
