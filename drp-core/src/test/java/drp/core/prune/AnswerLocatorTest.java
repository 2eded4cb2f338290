package drp.core.prune;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerLocatorTest {

    @ParameterizedTest(name = "{0} in \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            4        | so their sum is 5 + (-1) = 4.       | true
            4        | the sum is 14                       | false
            4        | x = 4.5                             | false
            4        | x = -4                              | false
            -1       | f(12) = 12 - 13 = -1                | true
            4        | 5 - 4 = 1                           | true
            1000     | the total is 1,000 dollars          | false
            \\frac{3}{4} | the ratio is 3/4                | true
            \\dfrac{3}{4} | $\\frac{3}{4}$                  | true
            36       | \\boxed{36}                          | true
            (3, 4)   | the point ( 3 , 4 ) works           | true
            """)
    void findsTheAnswerOnlyAsAWholeNumber(String answer, String text, boolean expected) {
        assertThat(new AnswerLocator(answer).mentions(text)).isEqualTo(expected);
    }
}
