package drp.tiny.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.bench.Benchmark;
import drp.core.bench.BenchmarkProvider;
import drp.core.io.ErrorPolicy;
import drp.core.problem.Problem;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyWorldBenchmarksTest {

    @TempDir
    Path dir;

    @Test
    void theShippedStudentsWorldGivesDisjointSplitsAsFilesWithSolutions() {
        BenchmarkProvider provider = BenchmarkProvider.find("tiny-world:train").orElseThrow();
        Benchmark train = provider.write("tiny-world:train", 50, "tiny:base", dir);
        Benchmark test = provider.write("tiny-world:test", 30, "tiny:base", dir);
        List<Problem> trainProblems = train.load(ErrorPolicy.STRICT).items();
        List<Problem> testProblems = test.load(ErrorPolicy.STRICT).items();
        assertThat(trainProblems).hasSize(50);
        assertThat(testProblems).hasSize(30);
        assertThat(trainProblems.getFirst().id()).isEqualTo("tiny-train-0000");
        Set<String> questions = new HashSet<>();
        trainProblems.forEach(p -> questions.add(p.question()));
        assertThat(testProblems).noneMatch(p -> questions.contains(p.question()));
        Problem first = trainProblems.getFirst();
        assertThat(first.answer()).matches("-?\\d+");
        assertThat(first.meta().get("solution")).contains(first.answer()).doesNotContain("<think>");
        assertThat(train.prompt(first)).isEqualTo(first.question());
        // a longer draw starts with the shorter one: a limit is a prefix
        List<Problem> more = provider.write("tiny-world:train", 60, "tiny:base", dir.resolve("more")).load(ErrorPolicy.STRICT)
                .items();
        assertThat(more.subList(0, 50)).isEqualTo(trainProblems);
    }

    @Test
    void aStudentWithoutItsWorldIsRefused() {
        BenchmarkProvider provider = BenchmarkProvider.find("tiny-world:test").orElseThrow();
        assertThatThrownBy(() -> provider.write("tiny-world:test", 5, "openai:http://h/v1#m", dir))
                .hasMessageContaining("not one");
        assertThatThrownBy(() -> provider.write("tiny-world:test", 5, "tiny:" + dir, dir))
                .hasMessageContaining("training_record.json");
        assertThatThrownBy(() -> provider.write("tiny-world:test", 0, "tiny:base", dir)).hasMessageContaining("limit");
        assertThat(BenchmarkProvider.find("gsm8k:test")).isEmpty();
    }
}
