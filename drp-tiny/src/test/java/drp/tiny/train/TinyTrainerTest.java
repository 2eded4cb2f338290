package drp.tiny.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.train.TrainedModel;
import drp.core.train.Trainer;
import drp.core.train.TrainerContract;
import drp.core.train.TrainerProvider;
import drp.core.train.TrainingJob;
import drp.core.train.TrainingListener;
import drp.core.train.TrainingSpec;
import drp.tiny.TinyFixtures;
import drp.tiny.chat.TinyChatModel;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded trainer against the Trainer contract, and what is its own: options, base models, the checkpoint. */
class TinyTrainerTest extends TrainerContract {

    @Override
    protected Trainer trainer() {
        return TrainerProvider.find("tiny");
    }

    @Override
    protected String baseModel() {
        return "tiny:base";
    }

    @Override
    protected List<String[]> examples(int count, int variant) {
        List<String[]> out = new ArrayList<>();
        for (WordProblem p : TinyFixtures.problems(count + variant).subList(variant, count + variant)) {
            out.add(new String[] {p.question(), World.teacherSolution(p).assistantText()});
        }
        return out;
    }

    @Override
    protected TrainingSpec quickSpec() {
        return new TrainingSpec(1, 1e-3, 1, Map.of("rows", 2, "row_length", 256, "min_steps", 3));
    }

    @Override
    protected TrainingSpec otherSpec() {
        return new TrainingSpec(1, 2e-3, 1, Map.of("rows", 2, "row_length", 256, "min_steps", 3));
    }

    @Override
    protected boolean opens(String endpoint) {
        try (TinyChatModel model = TinyChatModel.open(endpoint.substring("tiny:".length()))) {
            return model.student().model().config().vocabSize() > 0;
        }
    }

    @Test
    void writesACompleteCheckpointNamedAfterItsFolderWithItsTrainingRecord() throws Exception {
        Path out = dir.resolve("models/drp");
        TrainedModel model = trainer().train(new TrainingJob("drp", baseModel(), dataset("sft.jsonl", 8, 0), quickSpec(),
                out), TrainingListener.NONE);
        assertThat(model.endpoint()).isEqualTo("tiny:" + out);
        assertThat(out.resolve(TinyTrainer.RECORD)).isNotEmptyFile();
        assertThat(out.resolveSibling("drp.partial")).doesNotExist();
        assertThat(((Number) ((Map<?, ?>) model.record().get("config")).get("steps")).intValue()).isEqualTo(3);
        try (TinyChatModel opened = TinyChatModel.open(out.toString())) {
            assertThat(opened.id().model()).isEqualTo("drp");
        }
    }

    @Test
    void refusesWhatItCannotTrain() throws Exception {
        Path data = dataset("sft.jsonl", 2, 0);
        TrainingSpec spec = new TrainingSpec(1, 1e-3, 1, Map.of());
        assertThatThrownBy(() -> new TinyTrainer().train(new TrainingJob("x", "openai:http://h/v1#m", data, spec,
                dir.resolve("b")), TrainingListener.NONE)).hasMessageContaining("fine-tunes drp-tiny students");
        TrainingSpec typo = new TrainingSpec(1, 1e-3, 1, Map.of("row_lenght", 256));
        assertThatThrownBy(() -> new TinyTrainer().train(new TrainingJob("x", "tiny:base", data, typo, dir.resolve("c")),
                TrainingListener.NONE)).hasMessageContaining("no option 'row_lenght'");
        assertThatThrownBy(() -> TrainerProvider.find("llamafactory")).hasMessageContaining("known: tiny");
    }
}
