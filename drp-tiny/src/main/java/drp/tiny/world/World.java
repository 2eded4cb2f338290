package drp.tiny.world;

import drp.core.random.SplitMix64;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The synthetic world: seeded train and test splits of word problems, and the traces for each.
 *
 * <p>The problem space is partitioned by a hash of the question text: a question belongs to the
 * test side when its bucket (out of 100) is below {@link WorldConfig#testShare()}. Each split
 * draws only problems of its own side, so no test question can appear in training whatever the
 * seeds and sizes; duplicates within a split are dropped.
 *
 * <p>Seeds and the partition go through {@link SplitMix64#mix} as written here, not through
 * {@link SplitMix64#seed}: the shipped base student's splits were drawn this way and must stay
 * byte-identical.
 */
public final class World {

    private final WorldConfig config;
    private final ProblemGenerator generator;

    public World(WorldConfig config) {
        this.config = config;
        this.generator = new ProblemGenerator(config);
    }

    public WorldConfig config() {
        return config;
    }

    /** {@code count} distinct training problems, ids {@code tiny-train-N}. */
    public List<WordProblem> train(long seed, int count) {
        return draw("train", false, seed, count);
    }

    /** {@code count} distinct test problems, ids {@code tiny-test-N}. */
    public List<WordProblem> test(long seed, int count) {
        return draw("test", true, seed, count);
    }

    /** Whether a question lies on the test side of the partition. */
    public boolean isTestQuestion(String question) {
        return bucket(question) < config.testShare();
    }

    /** The native verbose trace of a problem, reproducible from {@code seed} and the problem id. */
    public static Trace nativeTrace(WordProblem problem, long seed) {
        return NativeTraceWriter.write(problem, new SplittableRandom(SplitMix64.mix(seed ^ problem.id().hashCode())));
    }

    /** The teacher's own short solution of a problem. */
    public static Trace teacherSolution(WordProblem problem) {
        return TeacherSolutionWriter.write(problem);
    }

    /** The same problem solved the way a different, stronger model would (another structure). */
    public static Trace strongerModelSolution(WordProblem problem) {
        return StrongerModelSolutionWriter.write(problem);
    }

    private List<WordProblem> draw(String split, boolean testSide, long seed, int count) {
        SplittableRandom rng = new SplittableRandom(SplitMix64.mix(seed * 31 + (testSide ? 1 : 2)));
        List<WordProblem> problems = new ArrayList<>(count);
        Set<String> seen = new HashSet<>();
        long attempts = 0;
        long limit = 1000L + 200L * count;
        while (problems.size() < count) {
            if (++attempts > limit) {
                throw new IllegalStateException("the world has too few distinct " + split + " problems for "
                        + count + " (got " + problems.size() + "); raise maxValue or maxSteps");
            }
            WordProblem problem = generator.next(split, rng);
            if (isTestQuestion(problem.question()) != testSide || !seen.add(problem.question())) {
                continue;
            }
            String id = String.format("tiny-%s-%06d", split, problems.size());
            problems.add(new WordProblem(id, problem.question(), problem.answer(), problem.events(), problem.conclusion()));
        }
        return problems;
    }

    private static int bucket(String question) {
        return (int) Long.remainderUnsigned(SplitMix64.mix(question.hashCode()), 100);
    }
}
