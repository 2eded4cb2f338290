package drp.tiny.base;

import drp.tiny.model.LlamaConfig;
import drp.tiny.train.TrainingConfig;
import drp.tiny.world.WorldConfig;

/**
 * Everything that determines a base student: the world, the seeds, the model's shape and the
 * training schedule. The vocabulary size is filled in from the data.
 */
public record BaseStudentRecipe(WorldConfig world, long worldSeed, long traceSeed, long initSeed, int trainProblems,
                                int testProblems, int dim, int layers, int heads, int hiddenDim, int contextLength,
                                boolean tiedEmbeddings, TrainingConfig training) {

    /** The shipped base student. */
    public static BaseStudentRecipe defaults() {
        return new BaseStudentRecipe(WorldConfig.defaults(), 1, 1, 1, 40_000, 500, 128, 4, 8, 352, 512, false,
                TrainingConfig.of(3500, 4, 512, 3e-3f, 1));
    }

    /** A small, fast recipe for tests and smoke runs (it does not learn to reason). */
    public static BaseStudentRecipe quick() {
        return new BaseStudentRecipe(WorldConfig.defaults(), 1, 1, 1, 400, 20, 32, 1, 2, 64, 512, false,
                TrainingConfig.of(6, 2, 512, 3e-3f, 1));
    }

    public BaseStudentRecipe withTraining(TrainingConfig newTraining) {
        return new BaseStudentRecipe(world, worldSeed, traceSeed, initSeed, trainProblems, testProblems, dim, layers,
                heads, hiddenDim, contextLength, tiedEmbeddings, newTraining);
    }

    public LlamaConfig modelConfig(int vocabSize) {
        return new LlamaConfig(vocabSize, dim, layers, heads, hiddenDim, contextLength, 10000f, 1e-5f, tiedEmbeddings);
    }
}
