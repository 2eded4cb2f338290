package drp.tiny.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.tiny.TinyFixtures;
import drp.tiny.model.Llama;
import drp.tiny.token.ChatFormat;
import drp.tiny.world.WordProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private final Llama model = TinyFixtures.randomModel(32, 2, 4, 48, false, 11, 3f);
    private final ChatFormat chat = TinyFixtures.chat();

    private List<int[]> prompts(int n) {
        List<int[]> prompts = new ArrayList<>();
        for (WordProblem p : TinyFixtures.problems(n)) {
            prompts.add(chat.prompt(p.question()));
        }
        return prompts;
    }

    @Test
    void batchedGreedyEqualsOneAtATime() {
        List<int[]> prompts = prompts(5);
        SamplingOptions greedy = SamplingOptions.greedy(12);
        List<Completion> batched = new Sampler(model, chat.endOfReply(), 4).generate(prompts, greedy);
        for (int i = 0; i < prompts.size(); i++) {
            Completion alone = new Sampler(model, chat.endOfReply(), 1).generate(List.of(prompts.get(i)), greedy).getFirst();
            assertThat(batched.get(i).tokens()).as("prompt %d", i).isEqualTo(alone.tokens());
        }
    }

    @Test
    void seededSamplingIsReproducibleAndDependsOnTheSeed() {
        List<int[]> prompts = prompts(4);
        SamplingOptions options = new SamplingOptions(1.0f, 0.9f, 16, 42);
        List<Completion> a = new Sampler(model, chat.endOfReply(), 3).generate(prompts, options);
        List<Completion> b = new Sampler(model, chat.endOfReply(), 2).generate(prompts, options);
        List<Completion> c = new Sampler(model, chat.endOfReply(), 3).generate(prompts, options.withSeed(43));
        for (int i = 0; i < prompts.size(); i++) {
            assertThat(a.get(i).tokens()).isEqualTo(b.get(i).tokens());
        }
        assertThat(a.stream().map(x -> java.util.Arrays.toString(x.tokens())).toList())
                .isNotEqualTo(c.stream().map(x -> java.util.Arrays.toString(x.tokens())).toList());
    }

    @Test
    void lengthLimitIsReported() {
        Completion c = new Sampler(model, -1, 1).generate(prompts(1), SamplingOptions.greedy(5)).getFirst();
        assertThat(c.tokens()).hasSize(5);
        assertThat(c.finishReason()).isEqualTo(Completion.LENGTH);
    }

    @Test
    void topPKeepsOnlyTheNucleus() {
        float[] logits = {5f, 4f, -10f, -10f};
        SplittableRandom rng = new SplittableRandom(1);
        SamplingOptions nucleus = new SamplingOptions(1f, 0.5f, 1, 0);
        for (int i = 0; i < 200; i++) {
            assertThat(Sampler.pick(logits, 0, 4, nucleus, rng)).isZero();
        }
        SamplingOptions wide = new SamplingOptions(1f, 1f, 1, 0);
        boolean sawSecond = false;
        for (int i = 0; i < 200; i++) {
            sawSecond |= Sampler.pick(logits, 0, 4, wide, rng) == 1;
        }
        assertThat(sawSecond).isTrue();
        assertThat(Sampler.pick(logits, 0, 4, SamplingOptions.greedy(1), rng)).isZero();
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> new SamplingOptions(-1f, 1f, 1, 0)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new SamplingOptions(1f, 0f, 1, 0)).hasMessageContaining("topP");
        assertThatThrownBy(() -> new Sampler(model, 2, 1).generate(List.of(new int[0]), SamplingOptions.greedy(1)))
                .hasMessageContaining("prompt 0");
    }
}
