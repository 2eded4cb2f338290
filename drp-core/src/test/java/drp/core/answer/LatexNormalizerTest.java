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
            10^\\circ                            | 10^\\circ               | degree mark, kept for trigonometric functions
            90^{\\circ}                          | 90^\\circ               | braced degree mark, one spelling
            90°                                 | 90^\\circ               | unicode degree sign
            \\frac{60^\\circ}{2}                 | \\frac{60^\\circ}{2}     | a degree mark keeps the closing brace after it
            sqrt(2)/2                           | \\sqrt{2}/2            | plain sqrt with parentheses
            sqrt12                              | \\sqrt{12}             | plain sqrt before a number: the whole number
            sqrt 8                              | \\sqrt{8}              | plain sqrt, a space, a number
            cbrt(16)                            | \\sqrt[3]{16}          | cube root
            sin(pi/3)                           | \\sin(\\pi/3)          | sine and pi, not s*i*n*p*i
            2pi r                               | 2\\pi r                | pi after a number, a space before a letter
            sinx + cosx                         | \\sin x+\\cos x        | a function run together with its variable
            sinh(1)                             | \\sinh(1)              | sinh is not sin h
            sine                                | sine                   | a word that merely starts like a function
            asin(1)                             | \\arcsin(1)            | asin
            ln2                                 | \\ln2                  | ln before a digit
            log2(8)                             | \\log_{2}(8)           | log2( names its base
            log_3(9)                            | \\log_3(9)             | log with a subscript
            abs(-3)                             | \\abs(-3)              | abs
            (-inf, infinity)                    | (-\\infty,\\infty)      | inf and infinity
            sin(30 degrees)                     | \\sin(30^\\circ)        | the word degrees inside the parentheses
            2\\operatorname{sin}(x)              | 2\\sin(x)              | operatorname spelling of sin
            √12                                 | \\sqrt{12}             | unicode root before digits
            √x                                  | \\sqrt{x}              | unicode root before a letter
            2√(3)                               | 2\\sqrt{3}             | unicode root with parentheses
            x²+y³                               | x^{2}+y^{3}            | superscript digits
            10⁻³                                | 10^{-3}                | superscript minus
            2½                                  | 2\\frac{1}{2}          | vulgar fraction
            3 × 4 · 5                           | 3*4*5                  | unicode times and dot
            θ                                   | \\theta                | unicode theta
            ±2                                  | \\pm2                  | unicode plus-minus
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

    /** The rewrite {@code casesAsList}: a system in {@code cases} is the list of its rows. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            two rows                         | \\begin{cases} x = 1 \\\\ y = 2 \\end{cases}     | x=1,y=2
            alignment marks go               | \\begin{cases} x &= 1 \\\\ y &= 2 \\end{cases}   | x=1,y=2
            row punctuation goes             | \\begin{cases} x = 1, \\\\ y = 2. \\end{cases}   | x=1,y=2
            no cases: a matrix is left alone | \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}         | \\begin{pmatrix}1\\\\2\\end{pmatrix}
            """)
    void casesAsList(String comment, String raw, String normalized) {
        assertThat(LatexNormalizer.normalize(raw)).as(comment).isEqualTo(normalized);
    }

    /** The rewrite {@code mixedNumbers}: {@code 2 3/4} is a mixed number; near misses are left alone. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a plain mixed number          | 2 3/4         | 2\\frac{3}{4}
            negative                      | -2 3/4        | -2\\frac{3}{4}
            with a unit word              | 2 3/4 cups    | 2\\frac{3}{4}
            no space: a fraction          | 23/4          | 23/4
            a letter before: a product    | x 3/4         | x3/4
            a decimal before              | 2.5 3/4       | 2.5 3/4
            a list stays a list           | 2, 3/4        | 2,3/4
            """)
    void mixedNumbers(String comment, String raw, String normalized) {
        assertThat(LatexNormalizer.normalize(raw)).as(comment).isEqualTo(normalized);
    }
}
