package drp.cli.pipeline;

import drp.llm.batch.DeferringChatModel;
import drp.llm.batch.OpenAiBatchRunner;
import drp.llm.meter.Budget;
import drp.llm.meter.Price;
import drp.llm.meter.UsageMeter;

/**
 * The Batch API behind a remote endpoint, for a stage that sends its calls as batch jobs: the
 * runner (its job state in the run directory), the model that answers from the call cache and
 * defers the rest, the batch price, and the run's budget and meter.
 *
 * @param batchPrice half the endpoint's price, or null when the price is unknown
 * @param budget     the run's cap, or null for none
 */
public record BatchAccess(OpenAiBatchRunner runner, DeferringChatModel deferring, Price batchPrice, Budget budget,
                          UsageMeter meter) implements AutoCloseable {

    @Override
    public void close() {
        runner.close();
    }
}
