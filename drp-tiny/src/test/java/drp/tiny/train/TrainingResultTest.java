package drp.tiny.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingResultTest {

    private static TrainingResult losses(Double... losses) {
        return new TrainingResult(List.of(losses), 0, 1, Duration.ofSeconds(1));
    }

    @Test
    void lossCurveAveragesEachWindowAndKeepsTheLastStep() {
        List<double[]> curve = losses(4.0, 2.0, 3.0, 1.0, 0.5).lossCurve(2, 5);

        assertThat(curve).containsExactly(new double[] {2, 3.0}, new double[] {4, 2.0}, new double[] {5, 0.5});
    }

    @Test
    void lossCurveRoundsAsTheRecordsAlwaysHave() {
        // the demo's training.json keeps four places, the base student's record five
        TrainingResult result = losses(1.0 / 3, 2.0 / 3);

        assertThat(result.lossCurve(2, 4).getFirst()[1]).isEqualTo(Math.round(0.5 * 1e4) / 1e4);
        assertThat(result.lossCurve(1, 4).getFirst()[1]).isEqualTo(Math.round(1.0 / 3 * 1e4) / 1e4);
        assertThat(result.lossCurve(1, 5).getLast()[1]).isEqualTo(Math.round(2.0 / 3 * 1e5) / 1e5);
    }

    @Test
    void noLossesMakeNoCurve() {
        assertThat(losses().lossCurve(10, 5)).isEmpty();
    }
}
