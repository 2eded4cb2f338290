package drp.tiny.train;

import java.time.Duration;

/**
 * Reported after every optimizer step.
 *
 * @param step            steps done (1-based)
 * @param steps           steps in the run
 * @param loss            the batch's mean loss over reply tokens
 * @param learningRate    the learning rate of the step
 * @param gradNorm        the global gradient norm before clipping
 * @param tokensPerSecond training tokens (non-padding positions) per second so far
 * @param elapsed         time since the run started
 * @param eta             estimated time left
 */
public record TrainingProgress(int step, int steps, double loss, float learningRate, double gradNorm,
                               double tokensPerSecond, Duration elapsed, Duration eta) {}
