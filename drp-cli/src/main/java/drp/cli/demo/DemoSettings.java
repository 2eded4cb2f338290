package drp.cli.demo;

import drp.tiny.base.BaseStudentRecipe;
import drp.tiny.sample.SamplingOptions;
import drp.tiny.train.TrainingConfig;
import java.util.List;
import java.util.Objects;

/**
 * Everything that determines a demo run: how many problems, which seeds, how the student samples
 * and how it is fine-tuned. A rerun into the same run directory must use the same settings.
 *
 * @param mode          {@code full} or {@code quick}
 * @param trainProblems training problems the base student answers to produce its own traces
 * @param problemSeed   seed of the draw of those problems (from the train side of the world)
 * @param sampleSeed    seed of the sampling of the student's own traces
 * @param testProblems  test problems every model is evaluated on
 * @param seeds         evaluation seeds: each model answers every test problem once per seed
 * @param greedy        whether each model also answers every test problem greedily
 * @param temperature   sampling temperature (own traces and evaluation)
 * @param topP          nucleus sampling mass
 * @param maxNewTokens  the most tokens a reply may have
 * @param fineTune      how the student is fine-tuned on the kept traces
 * @param ablation      whether the ablation rows (paper's Tables 2 and 4) are trained and evaluated
 * @param fromScratch   whether the base student is trained first instead of loaded
 * @param baseRecipe    the recipe of a base student trained from scratch ({@code defaults} or {@code quick})
 */
public record DemoSettings(String mode, int trainProblems, long problemSeed, long sampleSeed, int testProblems,
                           List<Long> seeds, boolean greedy, float temperature, float topP, int maxNewTokens,
                           FineTuning fineTune, boolean ablation, boolean fromScratch, String baseRecipe) {

    public DemoSettings {
        Objects.requireNonNull(mode, "mode");
        seeds = List.copyOf(seeds);
        if (trainProblems < 1 || testProblems < 1) {
            throw new IllegalArgumentException("the demo needs at least one training and one test problem");
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("--seeds: at least one seed is needed");
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("--seeds: a seed is listed twice: " + seeds);
        }
    }

    /** The full demo: about 5 minutes on two cores. */
    public static DemoSettings full() {
        return new DemoSettings("full", 2000, 2, 7, 200, List.of(1L, 2L, 3L), true, 0.6f, 0.95f, 448,
                FineTuning.DEFAULTS, false, false, "defaults");
    }

    /** A smoke run of every phase, well under a minute: few problems, few steps. */
    public static DemoSettings quick() {
        return new DemoSettings("quick", 24, 2, 7, 16, List.of(1L, 2L, 3L), true, 0.6f, 0.95f, 448,
                FineTuning.DEFAULTS, false, false, "quick");
    }

    /**
     * How the student is fine-tuned: a number of passes over the examples (the paper: 3 epochs,
     * cosine schedule, warm-up), in batches of {@code rows} packed rows of {@code rowLength} tokens.
     * The defaults were chosen by a sweep of data size, epochs and learning rate that BENCHMARKS.md
     * records: fewer examples, fewer passes or a lower rate leave a student that writes short
     * traces but computes worse than the base.
     *
     * @param epochs       passes over the training examples
     * @param minSteps     the fewest optimizer steps, for very small data sets
     * @param rows         rows per batch
     * @param rowLength    tokens per row
     * @param learningRate peak learning rate
     * @param seed         seed of the data order
     */
    public record FineTuning(double epochs, int minSteps, int rows, int rowLength, float learningRate, long seed) {

        public static final FineTuning DEFAULTS = new FineTuning(4, 4, 4, 512, 2e-3f, 1);

        /** The training configuration for examples of {@code tokens} tokens in all. */
        public TrainingConfig config(long tokens) {
            int steps = (int) Math.max(minSteps, Math.ceil(epochs * tokens / ((double) rows * rowLength)));
            return TrainingConfig.of(steps, rows, rowLength, learningRate, seed);
        }
    }

    public DemoSettings withSeeds(List<Long> newSeeds) {
        return new DemoSettings(mode, trainProblems, problemSeed, sampleSeed, testProblems, newSeeds, greedy,
                temperature, topP, maxNewTokens, fineTune, ablation, fromScratch, baseRecipe);
    }

    public DemoSettings withTrainProblems(int count) {
        return new DemoSettings(mode, count, problemSeed, sampleSeed, testProblems, seeds, greedy, temperature, topP,
                maxNewTokens, fineTune, ablation, fromScratch, baseRecipe);
    }

    public DemoSettings withTestProblems(int count) {
        return new DemoSettings(mode, trainProblems, problemSeed, sampleSeed, count, seeds, greedy, temperature, topP,
                maxNewTokens, fineTune, ablation, fromScratch, baseRecipe);
    }

    public DemoSettings withAblation(boolean on) {
        return new DemoSettings(mode, trainProblems, problemSeed, sampleSeed, testProblems, seeds, greedy,
                temperature, topP, maxNewTokens, fineTune, on, fromScratch, baseRecipe);
    }

    public DemoSettings withFromScratch(boolean on) {
        return new DemoSettings(mode, trainProblems, problemSeed, sampleSeed, testProblems, seeds, greedy,
                temperature, topP, maxNewTokens, fineTune, ablation, on, baseRecipe);
    }

    /** The recipe of a base student trained from scratch. */
    public BaseStudentRecipe recipe() {
        return "quick".equals(baseRecipe) ? BaseStudentRecipe.quick() : BaseStudentRecipe.defaults();
    }

    /** Sampling with {@code seed}. */
    public SamplingOptions sampling(long seed) {
        return new SamplingOptions(temperature, topP, maxNewTokens, seed);
    }

    public SamplingOptions greedySampling() {
        return SamplingOptions.greedy(maxNewTokens);
    }
}
