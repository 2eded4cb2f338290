package drp.core.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import drp.core.answer.ExtractionRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    private static GradedRecord record(String problem, int sample, boolean correct, Integer tokens) {
        return new GradedRecord(problem + "#" + sample, "toy", problem, sample, null, "1", correct ? "1" : "0",
                ExtractionRule.BOXED, "final", correct ? VerdictKind.CORRECT : VerdictKind.WRONG, "numeric", correct,
                tokens, null);
    }

    private static RunSummary summarize(List<GradedRecord> records) {
        return RunSummary.of("toy", records, null, null, List.of(),
                SummaryOptions.defaults().withBootstrap(GradeFixtures.FAST_BOOTSTRAP));
    }

    @Test
    void nothingGradedGivesNullsNotZeros() {
        RunSummary s = summarize(List.of());
        assertThat(s.n()).isZero();
        assertThat(s.accuracy()).isNull();
        assertThat(s.accuracyCi()).isNull();
        assertThat(s.meanTokens()).isNull();
        assertThat(s.passAtK()).isEmpty();
        assertThat(s.seeds()).isNull();
        assertThat(s.samplesPerProblem()).isNull();
    }

    /**
     * Unequal samples: p1 has 3 (2 correct), p2 has 1 (correct), p3 has 2 (0 correct). accuracy =
     * 3/6; pass@1 = mean(2/3, 1, 0) = 5/9; pass@k stops at the fewest samples, 1.
     */
    @Test
    void unequalSampleCounts() {
        List<GradedRecord> rs = List.of(record("p1", 0, true, 10), record("p1", 1, true, 20), record("p1", 2, false, 30),
                record("p2", 0, true, 40), record("p3", 0, false, 50), record("p3", 1, false, null));
        RunSummary s = summarize(rs);
        assertThat(s.accuracy()).isCloseTo(0.5, within(1e-15));
        assertThat(s.passAtK()).containsOnlyKeys("1");
        assertThat(s.passAtK().get("1")).isCloseTo(5 / 9.0, within(1e-15));
        assertThat(s.samplesPerProblem()).isNull();
        // tokens: 5 known, mean 30; correct ones 10, 20, 40
        assertThat(s.tokens().all().n()).isEqualTo(5);
        assertThat(s.meanTokens()).isCloseTo(30, within(1e-12));
        assertThat(s.tokens().correct().mean()).isCloseTo(70 / 3.0, within(1e-12));
        assertThat(s.tokens().all().median()).isEqualTo(30.0);
        // no seeds: grouped by sample index 0, 1, 2
        assertThat(s.seeds().groupBy()).isEqualTo("sample_index");
        assertThat(s.seeds().groups()).extracting(RunSummary.Group::n).containsExactly(3, 2, 1);
    }

    @Test
    void passAtKLevels() {
        assertThat(RunSummary.passAtKLevels(1)).containsExactly(1);
        assertThat(RunSummary.passAtKLevels(8)).containsExactly(1, 2, 4, 8);
        assertThat(RunSummary.passAtKLevels(10)).containsExactly(1, 2, 4, 8, 10);
        assertThat(RunSummary.passAtKLevels(0)).isEmpty();
    }

    @Test
    void recordsOfAnotherBenchmarkAreRefused() {
        List<GradedRecord> rs = new ArrayList<>(List.of(record("p1", 0, true, 10)));
        rs.add(new GradedRecord("q#0", "other", "q", 0, null, "1", null, null, null, VerdictKind.UNPARSEABLE, "none",
                false, null, null));
        assertThatThrownBy(() -> summarize(rs)).hasMessage("record q#0 is from benchmark other, not toy");
    }

    @Test
    void contradictoryRecordsAreRefused() {
        assertThatThrownBy(() -> new GradedRecord("q#0", "toy", "q", 0, null, "1", "1", null, null, VerdictKind.WRONG,
                "x", true, null, null)).hasMessage("correct=true contradicts verdict wrong");
    }
}
