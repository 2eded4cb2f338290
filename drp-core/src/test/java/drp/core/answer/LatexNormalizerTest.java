package drp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical spellings the checker shows in its reasons. Columns: raw, normalized, comment. */
class LatexNormalizerTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            \\dfrac{1}{2}                        | \\frac{1}{2}            | dfrac
            \\tfrac12                            | \\frac{1}{2}            | tfrac with shorthand arguments
            \\frac1{72}                          | \\frac{1}{72}           | shorthand numerator
            \\frac34i                            | \\frac{3}{4}i           | shorthand, then a letter
            \\frac\\pi2                           | \\frac{\\pi}{2}          | a control word as an argument
            \\sqrt2                              | \\sqrt{2}               | sqrt shorthand
            \\sqrt[3]8                           | \\sqrt[3]{8}            | root index kept
            $\\boxed{5}$.                        | 5                      | box, delimiters and trailing period
            \\left( 1, 2 \\right]                 | (1,2]                  | sizing and spaces
            \\left.\\frac{a}{b}\\right.            | \\frac{a}{b}            | invisible delimiters dropped
            10\\text{ units}                     | 10                     | unit text
            15\\mbox{ cm}^2                      | 15                     | unit with an exponent
            \\text{(B)}                          | (B)                    | the whole answer in text
            \\text{Evelyn}                       | Evelyn                 | a name
            x < 1 \\text{ or } x > 2             | x<1\\lor x>2            | or as a connector
            81 \\text{ and } 256                 | 81,256                 | and as a list
            10^\\circ                            | 10                     | degree mark
            90^{\\circ}                          | 90                     | braced degree mark
            \\$1{,}000                           | 1000                   | dollar and braced comma
            1,\\!000                             | 1000                   | comma and negative space
            11,\\! 111,\\! 100                    | 11111100               | marked separators with spaces
            1\\,000                              | 1000                   | thin space
            1 000                               | 1000                   | plain space between groups
            `(1,000)`                           | `(1,000)`              | a pair keeps its comma
            28%                                 | 28\\%                   | unescaped percent
            28 percent                          | 28\\%                   | the word percent
            x \\geq 5                            | x\\ge5                  | geq
            x >= 5                              | x\\ge5                  | plain relation
            a \\neq b                            | a\\ne b                 | neq keeps the space before a letter
            2 \\cdot 3                           | 2*3                    | cdot
            6 \\div 3                            | 6/3                    | div
            \\pi r^2                             | \\pi r^2                | a space after a command before a letter stays
            x \\in [0, 1)                        | [0,1)                  | membership prefix
            \\lbrace 1 \\rbrace                   | \\{1\\}                  | lbrace
            \\varnothing                         | \\emptyset              | empty set
            \\\\frac{1}{2}                       | \\frac{1}{2}            | doubled backslash before a command
            5 apples                            | 5                      | a plain word after a number
            no solution                         | no solution            | a text answer keeps its spaces
            3 \\quad                             | 3                      | quad
            −5                                  | -5                     | unicode minus
            """)
    void normalizes(String raw, String normalized, String comment) {
        assertThat(LatexNormalizer.normalize(raw)).as(comment).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            matrix rows keep their breaks | \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix} | \\begin{pmatrix}1\\\\2\\end{pmatrix}
            a row break before a minus    | \\begin{pmatrix} 1 \\\\ -2 \\end{pmatrix} | \\begin{pmatrix}1\\\\-2\\end{pmatrix}
            """)
    void matrixRowBreaksSurvive(String comment, String raw, String normalized) {
        assertThat(LatexNormalizer.normalize(raw)).as(comment).isEqualTo(normalized);
    }
}
