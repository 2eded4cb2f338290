package drp.tiny.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.tiny.TinyFixtures;
import drp.tiny.TinyStudent;
import drp.tiny.TrainingPair;
import drp.tiny.model.Batch;
import drp.tiny.model.Llama;
import drp.tiny.model.Parallel;
import drp.tiny.token.ChatFormat;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {

    private static List<ChatFormat.Example> examples(int n) {
        ChatFormat chat = TinyFixtures.chat();
        List<ChatFormat.Example> examples = new ArrayList<>();
        for (WordProblem p : TinyFixtures.problems(n)) {
            examples.add(chat.example(p.question(), World.nativeTrace(p, 1).assistantText()));
        }
        return examples;
    }

    private static Llama train(int threads, long seed) {
        Llama[] out = new Llama[1];
        Parallel.withThreads(threads, () -> {
            Llama model = TinyFixtures.randomModel(32, 2, 4, 48, false, 1, 1f);
            TrainingLoop.train(model, examples(24), TinyFixtures.vocabulary().pad(), TrainingConfig.of(4, 2, 512, 3e-3f, seed), p -> { });
            out[0] = model;
        });
        return out[0];
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsWhateverTheThreadCount() {
        Llama one = train(1, 7);
        Llama two = train(2, 7);
        Llama again = train(2, 7);
        assertThat(two.parameters().data).isEqualTo(one.parameters().data);
        assertThat(again.parameters().data).isEqualTo(two.parameters().data);
        assertThat(train(2, 8).parameters().data).isNotEqualTo(two.parameters().data);
    }

    @Test
    void lossFallsAndProgressIsReported() {
        Llama model = TinyFixtures.randomModel(32, 1, 2, 48, false, 2, 1f);
        List<TrainingProgress> reports = new ArrayList<>();
        List<ChatFormat.Example> data = examples(16);
        double before = TrainingLoop.evaluate(model, data, TinyFixtures.vocabulary().pad(), 2, 512);
        TrainingResult result = TrainingLoop.train(model, data, TinyFixtures.vocabulary().pad(),
                TrainingConfig.of(12, 2, 512, 1e-2f, 1), reports::add);
        double after = TrainingLoop.evaluate(model, data, TinyFixtures.vocabulary().pad(), 2, 512);
        assertThat(reports).hasSize(12);
        assertThat(reports.getLast().step()).isEqualTo(12);
        assertThat(reports.getLast().tokensPerSecond()).isPositive();
        assertThat(reports.getFirst().eta()).isPositive();
        assertThat(result.losses()).hasSize(12);
        assertThat(result.tokens()).isPositive();
        assertThat(after).isLessThan(before);
    }

    @Test
    void scheduleWarmsUpThenDecaysToTheFloor() {
        LearningRateSchedule s = new LearningRateSchedule(1f, 0.1f, 10, 110);
        assertThat(s.at(0)).isEqualTo(0.1f);
        assertThat(s.at(9)).isEqualTo(1f);
        assertThat(s.at(10)).isEqualTo(1f);
        assertThat(s.at(109)).isCloseTo(0.1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(s.at(60)).isBetween(0.5f, 0.6f);
    }

    @Test
    void packerLaysExamplesBackToBackAndMasksPrompts() {
        List<ChatFormat.Example> data = examples(6);
        BatchPacker packer = new BatchPacker(data, 2, 512, 3, 1);
        Batch batch = packer.next();
        int weighted = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (batch.weights()[i] > 0) {
                weighted++;
                assertThat(batch.targets()[i]).isNotEqualTo(3);
            }
        }
        assertThat(weighted).isPositive().isLessThan(packer.lastPositions());
        assertThat(batch.positions()[0]).isZero();
        assertThat(batch.segStart()[0]).isZero();
    }

    @Test
    void examplesLongerThanARowAreRejectedByName() {
        assertThatThrownBy(() -> new BatchPacker(examples(3), 1, 16, 3, 1))
                .hasMessageContaining("training example 0").hasMessageContaining("rowLength");
    }

    @Test
    void fineTuningIsAnApiCallThatLeavesTheOriginalAlone() {
        TinyStudent base = new TinyStudent(TinyFixtures.randomModel(32, 1, 2, 48, false, 3, 1f), TinyFixtures.vocabulary());
        TinyStudent tuned = base.copy();
        List<TrainingPair> pairs = TinyFixtures.problems(8).stream()
                .map(p -> new TrainingPair(p.question(), World.teacherSolution(p).assistantText())).toList();
        TrainingResult result = tuned.fineTune(pairs, TrainingConfig.of(3, 2, 256, 1e-3f, 1), p -> { });
        assertThat(result.losses()).hasSize(3);
        assertThat(tuned.model().parameters().data).isNotEqualTo(base.model().parameters().data);
    }
}
