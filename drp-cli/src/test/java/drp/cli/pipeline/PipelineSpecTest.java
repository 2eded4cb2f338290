package drp.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.step.Granularity;
import drp.core.teacher.Aggressiveness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline file: the shipped demo, profiles, overrides, arms, and errors that name the key. */
class PipelineSpecTest {

    static final Path DEMO = Path.of("..", "configs", "demo.yaml");

    @Test
    void theShippedDemoReadsWithEveryDefaultFilledIn() {
        PipelineSpec demo = PipelineSpec.load(DEMO, List.of(), List.of());
        assertThat(demo.student()).isEqualTo("tiny:base");
        assertThat(demo.sample().limit()).isEqualTo(2000);
        assertThat(demo.eval().seeds()).containsExactly(1L, 2L, 3L);
        assertThat(demo.prune().granularity()).isEqualTo(Granularity.SKILL);
        assertThat(demo.runArms()).containsExactly("drp");
        assertThat(demo.arms(false)).extracting(PipelineSpec.Arm::name).containsExactly("drp");
        assertThat(demo.arms(false).getFirst().main()).isTrue();
        assertThat(demo.arms(false).getFirst().folder()).isEmpty();
    }

    @Test
    void profilesAndOverridesAreEditsOfTheFile() {
        PipelineSpec quick = PipelineSpec.load(DEMO, List.of("quick", "ablation"), List.of("eval.seeds=[4,5]",
                "distill.learning_rate=1e-3", "student=tiny:/x"));
        assertThat(quick.sample().limit()).isEqualTo(24);
        assertThat(quick.sample().temperature()).isEqualTo(0.6); // untouched keys keep the file's values
        assertThat(quick.eval().seeds()).containsExactly(4L, 5L);
        assertThat(quick.distill().learningRate()).isEqualTo(1e-3);
        assertThat(quick.student()).isEqualTo("tiny:/x");
        // --set replaces the value at its path: a map given whole replaces the file's map
        PipelineSpec other = PipelineSpec.load(DEMO, List.of(), List.of("distill.options={rows: 2}"));
        assertThat(other.distill().options()).isEqualTo(java.util.Map.of("rows", 2));
        List<PipelineSpec.Arm> arms = quick.arms(false);
        assertThat(arms).extracting(PipelineSpec.Arm::name).containsExactly("drp", "no-decomposition", "sentence", "teacher",
                "stronger", "capacity");
        PipelineSpec.Arm noDecomposition = arms.get(1);
        assertThat(noDecomposition.prune().granularity()).isEqualTo(Granularity.PARAGRAPH);
        assertThat(noDecomposition.prune().aggressiveness()).isEqualTo(Aggressiveness.LENGTH_ONLY);
        assertThat(noDecomposition.folder()).isEqualTo("arms/no-decomposition/");
        assertThat(arms.get(2).prune().aggressiveness()).isEqualTo(Aggressiveness.STANDARD);
        assertThat(arms.get(3).prunes()).isFalse();
        assertThat(arms.get(3).build().sameProblemsAs()).isEqualTo("drp");
        assertThat(arms.get(4).build().solutionField()).isEqualTo("stronger_solution");
        assertThat(arms.get(5).selects()).isTrue();
        assertThat(arms.get(5).build().candidates()).containsExactly("drp", "sentence", "no-decomposition", "teacher", "stronger");
        assertThat(quick.align().enabled()).isTrue(); // the ablation profile scores every arm's targets
        assertThat(arms.get(3).build().filters().dedup()).isTrue();
    }

    @Test
    void mistakesAreErrorsThatNameTheKey() {
        String minimal = """
                student: tiny:base
                sample: {dataset: tiny-world:train, limit: 10}
                distill: {trainer: tiny}
                eval: {benchmarks: [tiny-world:test], limit: 5}
                """;
        assertThat(PipelineSpec.load(minimal, "p.yaml", List.of(), List.of()).prune().teacher()).isEqualTo("heuristic");
        assertThatThrownBy(() -> PipelineSpec.load(minimal + "sampel: {}\n", "p.yaml", List.of(), List.of()))
                .hasMessageContaining("p.yaml").hasMessageContaining("sampel");
        assertThatThrownBy(() -> PipelineSpec.load(minimal, "p.yaml", List.of("fast"), List.of()))
                .hasMessageContaining("no profile 'fast'");
        assertThatThrownBy(() -> PipelineSpec.load(minimal, "p.yaml", List.of(), List.of("sample.limit")))
                .hasMessageContaining("key.path=value");
        assertThatThrownBy(() -> PipelineSpec.load(minimal, "p.yaml", List.of(), List.of("prune.granularity=word")))
                .hasMessageContaining("p.yaml").hasMessageContaining("word");
        assertThatThrownBy(() -> PipelineSpec.load(minimal, "p.yaml", List.of(), List.of("run_arms=[sentence]")))
                .hasMessageContaining("no arm named 'sentence'");
        assertThatThrownBy(() -> PipelineSpec.load(minimal.replace("student: tiny:base\n", ""), "p.yaml", List.of(), List.of()))
                .hasMessageContaining("student");
        assertThatThrownBy(() -> PipelineSpec.load(minimal, "p.yaml", List.of(), List.of("build.source=solutions")))
                .hasMessageContaining("same_problems_as");
    }
}
