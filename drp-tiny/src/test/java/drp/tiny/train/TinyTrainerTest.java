package drp.tiny.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.sft.BuildStage;
import drp.core.sft.SftExample;
import drp.core.train.TrainedModel;
import drp.core.train.TrainerProvider;
import drp.core.train.TrainingJob;
import drp.core.train.TrainingListener;
import drp.core.train.TrainingSpec;
import drp.tiny.TinyFixtures;
import drp.tiny.chat.TinyChatModel;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded trainer through the Trainer port: trains, finds its own result again, refuses another's. */
class TinyTrainerTest {

    @TempDir
    Path dir;

    private Path dataset(String name, int count) throws Exception {
        List<SftExample> examples = new ArrayList<>();
        for (WordProblem p : TinyFixtures.problems(count)) {
            examples.add(new SftExample(p.id(), SftExample.SOLUTION, List.of(new SftExample.Message("user", p.question()),
                    new SftExample.Message("assistant", World.teacherSolution(p).assistantText())), 0));
        }
        Path file = dir.resolve(name);
        Files.writeString(file, BuildStage.jsonl(examples));
        return file;
    }

    private static final class Steps implements TrainingListener {
        long total = -1;
        final List<Double> losses = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

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
    void trainsACheckpointThatTheTinyEndpointOpensAndFindsItAgain() throws Exception {
        Path data = dataset("sft.jsonl", 8);
        TrainingSpec spec = new TrainingSpec(1, 1e-3, 1, Map.of("rows", 2, "row_length", 256, "min_steps", 3));
        Path out = dir.resolve("models/drp");
        TrainingJob job = new TrainingJob("drp", "tiny:base", data, spec, out);
        Steps steps = new Steps();
        TrainedModel model = TrainerProvider.find("tiny").train(job, steps);
        assertThat(model.trained()).isTrue();
        assertThat(model.endpoint()).isEqualTo("tiny:" + out);
        assertThat(steps.losses).hasSize((int) steps.total).hasSizeGreaterThanOrEqualTo(3);
        assertThat(((Number) ((Map<?, ?>) model.record().get("config")).get("steps")).longValue()).isEqualTo(steps.total);
        try (TinyChatModel opened = TinyChatModel.open(out.toString())) {
            assertThat(opened.id().model()).isEqualTo("drp");
        }
        assertThat(out.resolveSibling("drp.partial")).doesNotExist();

        Steps again = new Steps();
        TrainedModel found = new TinyTrainer().train(job, again);
        assertThat(found.trained()).isFalse();
        assertThat(again.losses).isEmpty();
        assertThat(again.notes).singleElement().asString().contains("already fine-tuned");

        Path other = dataset("other.jsonl", 9);
        assertThatThrownBy(() -> new TinyTrainer().train(new TrainingJob("drp", "tiny:base", other, spec, out), again))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other data or settings");
        TrainingSpec otherSpec = new TrainingSpec(1, 2e-3, 1, Map.of("rows", 2, "row_length", 256, "min_steps", 3));
        assertThatThrownBy(() -> new TinyTrainer().train(new TrainingJob("drp", "tiny:base", data, otherSpec, out), again))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other data or settings");
    }

    @Test
    void refusesWhatItCannotTrain() throws Exception {
        Path data = dataset("sft.jsonl", 2);
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        TrainingSpec spec = new TrainingSpec(1, 1e-3, 1, Map.of());
        assertThatThrownBy(() -> new TinyTrainer().train(new TrainingJob("x", "tiny:base", empty, spec, dir.resolve("a")),
                TrainingListener.NONE)).hasMessageContaining("no training examples");
        assertThatThrownBy(() -> new TinyTrainer().train(new TrainingJob("x", "openai:http://h/v1#m", data, spec,
                dir.resolve("b")), TrainingListener.NONE)).hasMessageContaining("fine-tunes drp-tiny students");
        TrainingSpec typo = new TrainingSpec(1, 1e-3, 1, Map.of("row_lenght", 256));
        assertThatThrownBy(() -> new TinyTrainer().train(new TrainingJob("x", "tiny:base", data, typo, dir.resolve("c")),
                TrainingListener.NONE)).hasMessageContaining("no option 'row_lenght'");
        assertThatThrownBy(() -> TrainerProvider.find("llamafactory")).hasMessageContaining("known: tiny");
    }
}
