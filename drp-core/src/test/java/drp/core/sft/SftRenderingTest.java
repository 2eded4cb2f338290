package drp.core.sft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SftRenderingTest {

    private static SftExample example(String id, String reply) {
        return new SftExample(id, SftExample.PRUNED, List.of(new SftExample.Message("user", "Q " + id),
                new SftExample.Message("assistant", reply)), 1);
    }

    @Test
    void failuresAndOverlongSequencesAreDroppedWithTheirReasonAndCountsAddUp() {
        BuildStage.Result built = new BuildStage.Result(List.of(example("a", "<think>\nshort\n</think>\n\n1"),
                example("b", "<think>\n" + "long ".repeat(50) + "\n</think>\n\n2"), example("c", "no think")),
                new BuildSummary(5, 3, Map.of("wrong_answer", 2), 0));
        ExampleRenderer renderer = e -> {
            if (!e.assistant().startsWith("<think>")) {
                throw new RenderFailure("no_prefill", "no think");
            }
            return new RenderedExample(e.id(), "P", e.assistant(), 1, e.assistant().length());
        };
        SftRendering.Result r = SftRendering.apply(built, renderer, 100);
        assertThat(r.examples()).extracting(SftExample::id).containsExactly("a");
        assertThat(r.rendered()).extracting(RenderedExample::id).containsExactly("a");
        assertThat(r.summary().dropped()).isEqualTo(Map.of("wrong_answer", 2, "no_prefill", 1, "over_cutoff", 1));
        assertThat(r.summary().read()).isEqualTo(5);
        assertThat(r.summary().tokens()).isEqualTo(r.rendered().getFirst().tokens());
        assertThat(SftRendering.apply(built, renderer, 0).examples()).hasSize(2);
    }
}
