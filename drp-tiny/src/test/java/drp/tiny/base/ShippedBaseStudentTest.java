package drp.tiny.base;

import static org.assertj.core.api.Assertions.assertThat;

import drp.tiny.TinyStudent;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The base student committed in src/main/resources/drp/tiny/base matches its training record:
 * the same weights (hash), the same vocabulary (hash), the recorded configuration, and, on the
 * first 20 test problems, the same greedy outcomes.
 */
class ShippedBaseStudentTest {

    private static TinyStudent student;
    private static TrainingRecord record;

    @BeforeAll
    static void load() throws Exception {
        student = TinyStudent.loadBase();
        try (InputStream in = resource(TrainingRecord.FILE_NAME)) {
            record = TrainingRecord.read(in);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ShippedBaseStudentTest.class.getClassLoader().getResourceAsStream(TinyStudent.BASE_RESOURCE + name);
        assertThat(in).as("resource %s%s", TinyStudent.BASE_RESOURCE, name).isNotNull();
        return in;
    }

    @Test
    void weightsAndVocabularyAreTheRecordedOnes() throws Exception {
        assertThat(TrainBase.weightsSha256(student.model())).isEqualTo(record.weightsSha256());
        try (InputStream in = resource("tiny_tokenizer.json")) {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
            assertThat(sha).isEqualTo(record.vocabularySha256());
        }
        assertThat(student.model().config()).isEqualTo(record.model());
        assertThat(student.model().config().parameterCount()).isEqualTo(record.parameters());
    }

    @Test
    void recordShowsAStudentThatReasons() {
        System.out.printf("shipped base student: %,d parameters, %d steps, %.0f s of training (%,.0f tok/s), "
                        + "test accuracy %.1f%% (%d/%d), mean output tokens %.0f%n", record.parameters(),
                record.training().steps(), record.trainSeconds(), record.tokensPerSecond(), 100 * record.testAccuracy(),
                record.testCorrect(), record.testProblems(), record.testMeanOutputTokens());
        assertThat(record.testAccuracy()).isGreaterThanOrEqualTo(0.5);
        assertThat(record.lossCurve()).isNotEmpty();
        assertThat(record.lossCurve().getLast()[1]).isLessThan(record.lossCurve().getFirst()[1]);
    }

    @Test
    void greedyOutcomesOnTheFirstTestProblemsAreTheRecordedOnes() {
        List<WordProblem> first = new World(record.world()).test(record.worldSeed(), record.firstTestOutcomes().length());
        TrainBase.Evaluation evaluation = TrainBase.evaluate(student, first, p -> { });
        String outcomes = evaluation.firstOutcomes(first.size());
        System.out.printf("first %d test problems: recorded %s, now %s%n", first.size(), record.firstTestOutcomes(), outcomes);
        assertThat(outcomes).isEqualTo(record.firstTestOutcomes());
    }
}
