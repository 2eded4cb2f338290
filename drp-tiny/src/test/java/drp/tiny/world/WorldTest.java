package drp.tiny.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WorldTest {

    private static final Pattern EQUATION = Pattern.compile("(\\d+) ([+\\-×÷]) (\\d+) = (\\d+)");

    private final World world = new World(WorldConfig.defaults());

    @Test
    void sameSeedSameProblemsAndTraces() {
        List<WordProblem> a = world.train(3, 50);
        List<WordProblem> b = world.train(3, 50);
        assertThat(a).isEqualTo(b);
        assertThat(World.nativeTrace(a.get(7), 1)).isEqualTo(World.nativeTrace(b.get(7), 1));
        assertThat(world.train(4, 50)).isNotEqualTo(a);
    }

    @Test
    void noTestQuestionAppearsInTraining() {
        List<WordProblem> test = world.test(1, 500);
        List<WordProblem> train = world.train(1, 5000);
        Set<String> testQuestions = new HashSet<>();
        test.forEach(p -> testQuestions.add(p.question()));
        assertThat(testQuestions).hasSize(test.size());
        assertThat(train).noneMatch(p -> testQuestions.contains(p.question()));
        assertThat(train).allMatch(p -> !world.isTestQuestion(p.question()));
        assertThat(test).allMatch(p -> world.isTestQuestion(p.question()));
        assertThat(train.stream().map(WordProblem::question).distinct().count()).isEqualTo(train.size());
        assertThat(test.getFirst().id()).isEqualTo("tiny-test-000000");
    }

    @Test
    void stepsStayInTheConfiguredWorld() {
        WorldConfig config = WorldConfig.defaults().withSteps(2, 5);
        for (WordProblem p : new World(config).train(9, 2000)) {
            assertThat(p.steps().size()).isBetween(2, 5);
            for (Step step : p.steps()) {
                assertThat(step.result()).isBetween(1, config.maxValue());
            }
            assertThat(p.answer()).isEqualTo(p.steps().getLast().result());
            assertThat(p.question()).endsWith("?");
        }
    }

    @Test
    void everyStepCountFrom2To5Occurs() {
        Set<Integer> counts = new HashSet<>();
        new World(WorldConfig.defaults().withSteps(2, 5)).train(1, 500).forEach(p -> counts.add(p.steps().size()));
        assertThat(counts).containsExactlyInAnyOrder(2, 3, 4, 5);
    }

    @Test
    void nativeTraceHasTheR1ShapeAndCorrectArithmetic() {
        for (WordProblem p : world.train(5, 300)) {
            Trace trace = World.nativeTrace(p, 2);
            String text = trace.assistantText();
            assertThat(text).startsWith("<think>\n").contains("\n</think>\n\n").endsWith("The answer is " + p.answer() + ".");
            assertThat(Trace.parseAnswer(text)).hasValue(p.answer());
            Matcher m = EQUATION.matcher(trace.think());
            int equations = 0;
            while (m.find()) {
                Step step = Step.of(Integer.parseInt(m.group(1)), operation(m.group(2)), Integer.parseInt(m.group(3)));
                assertThat(step.result()).as("%s in %s", m.group(), p.id()).isEqualTo(Integer.parseInt(m.group(4)));
                equations++;
            }
            assertThat(equations).isGreaterThanOrEqualTo(p.steps().size());
            for (Step step : p.steps()) {
                assertThat(trace.think()).contains(step.equation());
            }
        }
    }

    /**
     * A rule-based pruner that deletes every paragraph starting with a reflection marker keeps a
     * correct trace (every step, the conclusion) at well under half the length.
     */
    @Test
    void deletingReflectionsKeepsACorrectMuchShorterTrace() {
        long before = 0;
        long after = 0;
        for (WordProblem p : world.train(6, 300)) {
            Trace trace = World.nativeTrace(p, 4);
            List<String> kept = java.util.Arrays.stream(trace.think().split("\n\n"))
                    .filter(par -> !par.matches("(Okay|Alright|Wait|Hmm|Let me|So far|So now|So at this point|The problem says|So the problem tells|First|Yes, the answer|I am confident|So the answer).*"))
                    .toList();
            String pruned = String.join("\n\n", kept);
            for (Step step : p.steps()) {
                assertThat(pruned).as("pruned trace of %s", p.id()).contains(step.equation());
            }
            assertThat(pruned).endsWith("So " + NativeTraceWriter.lower(p.conclusion()) + ".");
            before += trace.think().length();
            after += pruned.length();
        }
        double ratio = (double) before / after;
        System.out.printf("native think %d chars, pruned %d chars: %.2fx%n", before, after, ratio);
        assertThat(ratio).isGreaterThan(2.5);
    }

    @Test
    void teacherSolutionIsShortAndCorrect() {
        for (WordProblem p : world.train(8, 100)) {
            Trace teacher = World.teacherSolution(p);
            assertThat(Trace.parseAnswer(teacher.assistantText())).hasValue(p.answer());
            assertThat(teacher.think().length()).isLessThan(World.nativeTrace(p, 1).think().length() / 2);
            for (Step step : p.steps()) {
                assertThat(teacher.think()).contains(step.equation());
            }
        }
    }

    @Test
    void parseAnswerNeedsTheClosedThinkBlockAndTheFinalLine() {
        assertThat(Trace.parseAnswer("<think>\nx\n</think>\n\nThe answer is 12.")).hasValue(12);
        assertThat(Trace.parseAnswer("<think>\nThe answer is 12.")).isEmpty();
        assertThat(Trace.parseAnswer("<think>\nx\n</think>\n\nThe answer is twelve.")).isEmpty();
    }

    @Test
    void badConfigurationsNameTheField() {
        assertThatThrownBy(() -> new WorldConfig(3, 2, 20, 9, 5, 60, 10)).hasMessageContaining("maxSteps");
        assertThatThrownBy(() -> new WorldConfig(2, 4, 20, 9, 5, 60, 0)).hasMessageContaining("testShare");
        assertThatThrownBy(() -> Step.of(7, Operation.DIVIDE, 2)).hasMessageContaining("not exact");
    }

    private static Operation operation(String symbol) {
        for (Operation op : Operation.values()) {
            if (op.symbol().equals(symbol)) {
                return op;
            }
        }
        throw new IllegalArgumentException(symbol);
    }
}
