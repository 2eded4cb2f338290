package drp.tiny.base;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import drp.tiny.model.LlamaConfig;
import drp.tiny.train.TrainingConfig;
import drp.tiny.world.WorldConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a base student was made and how good it is, written next to its checkpoint as
 * {@code training_record.json}: everything needed to reproduce it and to check a copy against it.
 *
 * @param world             the world the training and test problems came from
 * @param worldSeed         seed of the problem draw
 * @param traceSeed         seed of the native traces
 * @param initSeed          seed of the weight initialization
 * @param trainProblems     training problems (one native trace each)
 * @param model             the model's configuration
 * @param parameters        parameter count
 * @param training          the optimizer, schedule and batch configuration (its seed orders the data)
 * @param vocabularySha256  hash of the tokenizer file's content (pieces, scores, types)
 * @param dataSha256        hash of every training example's token ids and prompt length, in order
 * @param dataTokens        tokens in the training examples
 * @param tokensTrained     non-padding positions the optimizer saw
 * @param weightsSha256     hash of the parameters (float bits, layout order)
 * @param lossCurve         [step, mean loss of the steps since the previous point]
 * @param finalLoss         mean loss of the last 20 steps
 * @param testProblems      test problems evaluated greedily
 * @param testCorrect       of them, answered correctly
 * @param testAccuracy      testCorrect / testProblems
 * @param testMeanOutputTokens mean reply length on the test problems
 * @param firstTestOutcomes for the first 20 test problems, 1 when correct, 0 when not
 * @param trainSeconds      wall time of training
 * @param evalSeconds       wall time of the test evaluation
 * @param tokensPerSecond   training tokens per second
 * @param machine           where it ran: processors, threads, kernel, JDK, load average before and after
 */
public record TrainingRecord(WorldConfig world, long worldSeed, long traceSeed, long initSeed, int trainProblems,
                             LlamaConfig model, long parameters, TrainingConfig training, String vocabularySha256,
                             String dataSha256, long dataTokens, long tokensTrained, String weightsSha256,
                             List<double[]> lossCurve, double finalLoss, int testProblems, int testCorrect,
                             double testAccuracy, double testMeanOutputTokens, String firstTestOutcomes,
                             double trainSeconds, double evalSeconds, double tokensPerSecond, Machine machine) {

    public static final String FILE_NAME = "training_record.json";

    /** The machine and conditions of a run. */
    public record Machine(int processors, int threads, String kernel, String java, String osArch,
                          String loadAverageBefore, String loadAverageAfter) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public void write(Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(this) + "\n");
    }

    public static TrainingRecord read(InputStream in) throws IOException {
        return JSON.readValue(in, TrainingRecord.class);
    }

    public static TrainingRecord read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }
}
