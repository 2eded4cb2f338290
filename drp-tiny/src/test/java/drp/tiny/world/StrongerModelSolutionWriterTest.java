package drp.tiny.world;

import static org.assertj.core.api.Assertions.assertThat;

import drp.tiny.TinyFixtures;
import drp.tiny.TinyStudent;
import drp.tiny.token.TokenType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stronger model's solutions: every expression they write evaluates to what they say, they end
 * at the problem's answer, and their structure is not the student's (top-down, combined, other words).
 */
class StrongerModelSolutionWriterTest {

    @Test
    void everyExpressionIsRightAndTheSolutionEndsAtTheAnswer() {
        List<WordProblem> problems = TinyFixtures.problems(300);
        for (WordProblem p : problems) {
            String think = World.strongerModelSolution(p).think();
            assertThat(think).startsWith("The whole result is ").endsWith("That gives " + p.answer() + ".");
            String evaluations = think.substring(think.indexOf("from the inside: ") + 17, think.lastIndexOf(".\n\nThat gives"));
            for (String equation : evaluations.split("; ")) {
                int eq = equation.lastIndexOf(" = ");
                assertThat(new Evaluator(equation.substring(0, eq)).value()).as(equation)
                        .isEqualTo(Long.parseLong(equation.substring(eq + 3)));
            }
            String expression = think.substring("The whole result is ".length(), think.indexOf(".\n\n"));
            String[] chains = expression.split(", and ");
            assertThat(new Evaluator(chains[chains.length - 1]).value()).as(expression).isEqualTo(p.answer());
        }
    }

    @Test
    void itWritesInAStructureTheStudentNeverProduced() {
        WordProblem p = TinyFixtures.problems(1).getFirst();
        String student = World.nativeTrace(p, 1).think();
        String own = World.teacherSolution(p).think();
        String stronger = World.strongerModelSolution(p).think();
        for (String phrase : List.of("The whole result is", "Work it out from the inside", "That gives")) {
            assertThat(student).doesNotContain(phrase);
            assertThat(own).doesNotContain(phrase);
            assertThat(stronger).contains(phrase);
        }
    }

    @Test
    void itIsSpelledInWordsTheStudentKnows() {
        TinyStudent base = TinyStudent.loadBase();
        for (WordProblem p : TinyFixtures.problems(50)) {
            String think = World.strongerModelSolution(p).think();
            int[] ids = base.tokenizer().encode(think);
            for (int id : ids) {
                if (base.tokenizer().vocabulary().piece(id).equals("<0x0A>")) {
                    continue; // a line break is a byte token in every text of this world, the student's own too
                }
                assertThat(base.tokenizer().vocabulary().type(id)).as("a token of %s: '%s'", think,
                        base.tokenizer().vocabulary().piece(id)).isNotEqualTo(TokenType.BYTE);
            }
        }
    }

    /** Integer arithmetic over + - × ÷ and parentheses, left to right within a precedence level. */
    private static final class Evaluator {
        private final String s;
        private int i;

        Evaluator(String s) {
            this.s = s.replace(" ", "");
        }

        long value() {
            long v = sum();
            assertThat(i).as("parsed all of " + s).isEqualTo(s.length());
            return v;
        }

        private long sum() {
            long v = product();
            while (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                char op = s.charAt(i++);
                long r = product();
                v = op == '+' ? v + r : v - r;
            }
            return v;
        }

        private long product() {
            long v = atom();
            while (i < s.length() && (s.charAt(i) == '×' || s.charAt(i) == '÷')) {
                char op = s.charAt(i++);
                long r = atom();
                v = op == '×' ? v * r : v / r;
            }
            return v;
        }

        private long atom() {
            if (s.charAt(i) == '(') {
                i++;
                long v = sum();
                i++;
                return v;
            }
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            return Long.parseLong(s.substring(start, i));
        }
    }
}
