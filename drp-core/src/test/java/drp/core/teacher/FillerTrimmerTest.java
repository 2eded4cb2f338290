package drp.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FillerTrimmerTest {

    private final FillerTrimmer trimmer = new FillerTrimmer();

    @Test
    void hesitationsOpeningASentenceAreDropped() {
        assertThat(trimmer.trim("Okay, so the sum is 12.", "q")).isEqualTo("The sum is 12.");
        assertThat(trimmer.trim("Hmm, 4 + 8 = 12.", "q")).isEqualTo("4 + 8 = 12.");
        assertThat(trimmer.trim("Alright, now we add 4 and 8.", "q")).isEqualTo("We add 4 and 8.");
    }

    @Test
    void aConnectiveBeforeABareEquationStays() {
        assertThat(trimmer.trim("Now 4 + 8 = 12.", "q")).isEqualTo("Now 4 + 8 = 12.");
        assertThat(trimmer.trim("Okay, so 4 + 8 = 12.", "q")).isEqualTo("So 4 + 8 = 12.");
        assertThat(trimmer.trim("Wait, now, 3 x 4 = 12.", "q")).isEqualTo("Now, 3 x 4 = 12.");
        assertThat(trimmer.trim("So x = 3.", "q")).isEqualTo("So x = 3.");
        assertThat(trimmer.trim("So $x^2 = 9$, and x = 3.", "q")).isEqualTo("So $x^2 = 9$, and x = 3.");
    }

    @Test
    void aConnectiveBeforeWordsIsDropped() {
        assertThat(trimmer.trim("So there are 10 sheep on the farm now.", "q"))
                .isEqualTo("There are 10 sheep on the farm now.");
    }

    @Test
    void sentencesWithoutMathematicsThatOnlyHesitateAreDropped() {
        assertThat(trimmer.trim("Hmm, let me think. So 2 + 2 = 4.", "q")).isEqualTo("So 2 + 2 = 4.");
    }
}
