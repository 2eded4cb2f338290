package drp.tiny.train;

import drp.tiny.model.Activations;
import drp.tiny.model.Batch;
import drp.tiny.model.Llama;
import drp.tiny.model.Parameters;
import drp.tiny.token.ChatFormat.Example;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trains a model in place on chat examples, the loss on reply tokens only: the four verbs
 * forward, zero_grad, backward, update, once per step. The same model, examples, config and seed
 * give bit-identical weights whatever the thread count. Training from a checkpoint's weights is
 * fine-tuning; the optimizer state always starts fresh.
 */
public final class TrainingLoop {

    private TrainingLoop() {}

    /**
     * Trains {@code model} in place.
     *
     * @param padToken the token that fills row tails (any id; padded positions have loss weight 0)
     */
    public static TrainingResult train(Llama model, List<Example> examples, int padToken, TrainingConfig config,
                                       Consumer<TrainingProgress> progress) {
        if (config.rowLength() > model.config().contextLength()) {
            throw new IllegalArgumentException("rowLength " + config.rowLength() + " exceeds the model's context length "
                    + model.config().contextLength());
        }
        BatchPacker packer = new BatchPacker(examples, config.rows(), config.rowLength(), padToken, config.seed());
        Activations activations = new Activations(model.config(), config.rows(), config.rowLength());
        Parameters grads = model.parameters().zerosLike();
        AdamW optimizer = new AdamW(model.parameters(), config.beta1(), config.beta2(), config.epsilon(), config.weightDecay());
        LearningRateSchedule schedule = new LearningRateSchedule(config.learningRate(), config.minLrRatio(),
                config.warmupSteps(), config.steps());
        List<Double> losses = new ArrayList<>(config.steps());
        long tokens = 0;
        long start = System.nanoTime();
        for (int step = 0; step < config.steps(); step++) {
            Batch batch = packer.next();
            double loss = model.forward(batch, activations);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("training diverged: loss " + loss + " at step " + (step + 1));
            }
            Llama.zeroGrad(grads);
            model.backward(batch, activations, grads);
            double norm = AdamW.norm(grads);
            float scale = config.gradClip() > 0 && norm > config.gradClip() ? (float) (config.gradClip() / norm) : 1f;
            float lr = schedule.at(step);
            optimizer.update(model.parameters(), grads, lr, scale);
            losses.add(loss);
            tokens += packer.lastPositions();
            double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            double perStep = seconds / (step + 1);
            progress.accept(new TrainingProgress(step + 1, config.steps(), loss, lr, norm, tokens / seconds,
                    Duration.ofNanos(System.nanoTime() - start),
                    Duration.ofMillis((long) (perStep * 1000 * (config.steps() - step - 1)))));
        }
        return new TrainingResult(losses, tokens, packer.epoch(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** The mean loss over reply tokens of {@code examples}, without training. */
    public static double evaluate(Llama model, List<Example> examples, int padToken, int rows, int rowLength) {
        int pad = padToken;
        Activations activations = new Activations(model.config(), rows, rowLength);
        double total = 0;
        double weight = 0;
        for (Batch batch : BatchPacker.packAll(examples, rows, rowLength, pad)) {
            double w = batch.weightSum();
            total += model.forward(batch, activations) * w;
            weight += w;
        }
        return weight == 0 ? Double.NaN : total / weight;
    }
}
