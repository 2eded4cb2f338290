package drp.tiny.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import drp.core.answer.AnswerFormat;
import drp.core.answer.BasicAnswerChecker;
import drp.core.teacher.HeuristicTeacher;
import drp.core.teacher.TeacherResult;
import drp.tiny.TinyFixtures;
import drp.tiny.token.TinyTokenizer;
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

    /**
     * The world's draws, byte for byte as they were when the shipped base student was trained (its
     * test split must not move): the SHA-256 of 300 training problems with their native traces and
     * 100 test problems, recorded before the world's seed mixing moved to SplitMix64.
     */
    @Test
    void problemsAndTracesAreByteForByteTheRecordedOnes() throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        for (WordProblem p : world.train(2, 300)) {
            sha.update((p.id() + "|" + p.question() + "|" + p.answer() + "|" + World.nativeTrace(p, 3).assistantText()
                    + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (WordProblem p : world.test(1, 100)) {
            sha.update((p.id() + "|" + p.question() + "|" + p.answer() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(java.util.HexFormat.of().formatHex(sha.digest()))
                .isEqualTo("25728f56fb04b4d4cfdc5fa1d5274effb3ef2515dea0a3c82755ad428c68c3e0");
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
     * drp-core's heuristic teacher (skill-aware, standard) prunes every native trace, keeps every
     * step's equation and the answer, and removes at least 60% of the tokens.
     */
    @Test
    void heuristicTeacherPrunesNativeTracesToACorrectThirdOfTheTokens() {
        HeuristicTeacher teacher = HeuristicTeacher.of(HeuristicTeacher.Options.defaults(AnswerFormat.THE_ANSWER_IS),
                new BasicAnswerChecker());
        TinyTokenizer tokenizer = TinyFixtures.tokenizer();
        long before = 0;
        long after = 0;
        for (WordProblem p : new World(WorldConfig.defaults().withSteps(2, 5)).train(6, 200)) {
            Trace trace = World.nativeTrace(p, 4);
            TeacherResult result = teacher.prune(new drp.core.trace.Trace(p.id(), p.question(), trace.think(),
                    trace.finalLine(), p.answerText(), p.answerText(), true, true));
            assertThat(result).as("teacher result for %s", p.id()).isInstanceOf(TeacherResult.Pruned.class);
            String pruned = ((TeacherResult.Pruned) result).synthesis().text();
            for (Step step : p.steps()) {
                assertThat(pruned).as("pruned trace of %s", p.id()).contains(step.equation());
            }
            assertThat(pruned).endsWith("The answer is " + p.answer() + ".");
            before += tokenizer.count(trace.think());
            after += tokenizer.count(pruned);
        }
        double reduction = 1.0 - (double) after / before;
        System.out.printf("heuristic teacher on native traces: %d -> %d tokens (%.1f%% fewer)%n", before, after, 100 * reduction);
        assertThat(reduction).isGreaterThan(0.6);
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
