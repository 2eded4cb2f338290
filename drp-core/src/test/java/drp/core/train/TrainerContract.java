package drp.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.sft.BuildStage;
import drp.core.sft.SftExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Trainer} must show: it reports its steps, returns a model reference,
 * finds its own result again without training, and refuses to reuse a model made from other data
 * or settings, or to train on nothing. An adapter's test class extends this and says how to build
 * the trainer, its base model, a small dataset and a spec that trains quickly.
 */
public abstract class TrainerContract {

    @TempDir
    protected Path dir;

    protected abstract Trainer trainer();

    /** The base model reference the trainer fine-tunes, e.g. {@code tiny:base}. */
    protected abstract String baseModel();

    /** A few (question, reply) pairs the base model's trainer accepts; {@code variant} changes their content. */
    protected abstract List<String[]> examples(int count, int variant);

    /** A spec that trains in seconds. */
    protected abstract TrainingSpec quickSpec();

    /** The same spec with another learning rate. */
    protected abstract TrainingSpec otherSpec();

    /** Whether {@code endpoint} opens as a model (e.g. a checkpoint folder there). */
    protected abstract boolean opens(String endpoint);

    protected Path dataset(String name, int count, int variant) throws Exception {
        List<SftExample> out = new ArrayList<>();
        int i = 0;
        for (String[] pair : examples(count, variant)) {
            out.add(new SftExample("e" + i++, SftExample.PRUNED, List.of(new SftExample.Message("user", pair[0]),
                    new SftExample.Message("assistant", pair[1])), 0));
        }
        return Files.writeString(dir.resolve(name), BuildStage.jsonl(out));
    }

    /** Records what a trainer reports; adapters' own tests use it too. */
    public static final class Recorder implements TrainingListener {
        public long total = -1;
        public final List<Double> losses = new ArrayList<>();
        public final List<String> notes = new ArrayList<>();

        @Override
        public void started(long totalSteps, long doneSteps) {
            total = totalSteps;
        }

        @Override
        public void step(long step, double loss, double tokensPerSecond) {
            losses.add(loss);
        }

        @Override
        public void note(String line) {
            notes.add(line);
        }
    }

    @Test
    void trainsReportsEveryStepAndReturnsAModelThatOpens() throws Exception {
        TrainingJob job = new TrainingJob("drp", baseModel(), dataset("sft.jsonl", 8, 0), quickSpec(), dir.resolve("m"));
        Recorder steps = new Recorder();
        TrainedModel model = trainer().train(job, steps);
        assertThat(model.trained()).isTrue();
        assertThat(steps.total).isPositive();
        assertThat(steps.losses).hasSize((int) steps.total).allSatisfy(loss -> assertThat(loss).isFinite().isPositive());
        assertThat(opens(model.endpoint())).as(model.endpoint()).isTrue();
    }

    @Test
    void findsItsOwnResultAgainWithoutTraining() throws Exception {
        TrainingJob job = new TrainingJob("drp", baseModel(), dataset("sft.jsonl", 8, 0), quickSpec(), dir.resolve("m"));
        TrainedModel first = trainer().train(job, new Recorder());
        Recorder again = new Recorder();
        TrainedModel second = trainer().train(job, again);
        assertThat(second.trained()).isFalse();
        assertThat(second.endpoint()).isEqualTo(first.endpoint());
        assertThat(again.losses).isEmpty();
        assertThat(again.notes).isNotEmpty();
    }

    @Test
    void refusesAModelMadeFromOtherDataOrSettings() throws Exception {
        Path out = dir.resolve("m");
        Path data = dataset("sft.jsonl", 8, 0);
        trainer().train(new TrainingJob("drp", baseModel(), data, quickSpec(), out), new Recorder());
        Path other = dataset("other.jsonl", 8, 1);
        assertThatThrownBy(() -> trainer().train(new TrainingJob("drp", baseModel(), other, quickSpec(), out),
                new Recorder())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trainer().train(new TrainingJob("drp", baseModel(), data, otherSpec(), out),
                new Recorder())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnEmptyDataset() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        assertThatThrownBy(() -> trainer().train(new TrainingJob("drp", baseModel(), empty, quickSpec(), dir.resolve("m")),
                new Recorder())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no training examples");
        assertThat(dir.resolve("m")).doesNotExist();
    }
}
