package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drp align} on the embedded student's own pruned traces: every candidate scored once, the
 * counts add up, a rerun resumes and a rerun with other settings is refused, and capacity-aware
 * selection writes examples with their provenance.
 */
class AlignCommandTest {

    @TempDir
    static Path dir;

    static Path run;

    @BeforeAll
    static void ownTracesPruned() {
        run = dir.resolve("run");
        CliRun r = CliRun.of("run", RunCommandTest.DEMO, "--profile", "quick", "--until", "prune", "--out", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private static List<String> align(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("align", "--pruned", run.resolve("pruned.jsonl").toString(),
                "--heuristic", "sentence/standard,paragraph/length_only",
                "--solutions", run.resolve("problems/tiny-world-train.jsonl").toString(), "--solution-field", "stronger_solution",
                "--student", "tiny:base", "--answer-format", "the_answer_is", "--out", out.toString()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void everyCandidateIsScoredOnceAndTheStudentsOwnTracesAreTheLikeliest() throws Exception {
        Path out = dir.resolve("align");
        CliRun r = CliRun.of(align(out, "--select", "1.0").toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        int originals = (int) Files.readAllLines(run.resolve("pruned.jsonl")).stream().filter(l -> l.contains("\"ok\"")).count();
        int candidates = 5 * originals; // original, the file's pruning, two heuristic variants, the stronger model's solution
        assertThat(r.out()).contains("candidates " + candidates + " = 0 scored before + " + candidates + " scored now + 0 failed",
                "original", "heuristic:sentence/standard", "heuristic:paragraph/length_only", "solution:stronger_solution");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("align.jsonl"))) {
            lines.add(JsonCodec.MAPPER.readTree(line));
        }
        assertThat(lines).hasSize(candidates);
        assertThat(lines.stream().map(l -> l.path("key").asText()).distinct().count()).isEqualTo(candidates);

        JsonNode summary = JsonCodec.MAPPER.readTree(out.resolve("align.summary.json").toFile());
        double own = Double.NaN;
        double lowestOther = Double.POSITIVE_INFINITY;
        for (JsonNode v : summary.path("variants")) {
            assertThat(v.path("candidates").asInt()).isEqualTo(originals);
            if (v.path("variant").asText().equals("original")) {
                own = v.path("mean_nll").asDouble();
            } else {
                lowestOther = Math.min(lowestOther, v.path("mean_nll").asDouble());
            }
        }
        assertThat(own).isLessThan(lowestOther);

        // capacity-aware selection: one example per problem, each with why it was chosen
        List<String> sft = Files.readAllLines(out.resolve("sft.jsonl"));
        assertThat(sft).hasSize(originals);
        JsonNode first = JsonCodec.MAPPER.readTree(sft.getFirst());
        assertThat(first.at("/selection/rule").asText()).isEqualTo("capacity_aware");
        assertThat(first.at("/selection/candidates")).hasSize(5);
        JsonNode built = JsonCodec.MAPPER.readTree(out.resolve("sft.summary.json").toFile());
        assertThat(built.path("read").asInt()).isEqualTo(originals);
        assertThat(built.path("written").asInt()).isEqualTo(originals);

        CliRun again = CliRun.of(align(out, "--select", "1.0").toArray(String[]::new));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("candidates " + candidates + " = " + candidates + " scored before + 0 scored now");
        assertThat(Files.readAllLines(out.resolve("align.jsonl"))).hasSize(candidates);

        CliRun other = CliRun.of(align(out, "--surprise-nll", "2.0").toArray(String[]::new));
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("surprise_nll");
    }

    @Test
    void aBadVariantIsAClearError() {
        CliRun r = CliRun.of("align", "--pruned", run.resolve("pruned.jsonl").toString(), "--heuristic", "words",
                "--student", "tiny:base", "--out", dir.resolve("bad").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--heuristic words: write GRANULARITY/AGGRESSIVENESS");
    }
}
