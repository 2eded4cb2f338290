package drp.llm.batch;

/**
 * Where a batch job stands, after each poll.
 *
 * @param total items of the job
 * @param answered items with an answer
 * @param failed items that failed for good
 * @param inFlight items in batches the provider is working on
 * @param shards batches submitted so far, resubmissions included
 * @param activeShards batches not yet finished
 * @param serverCompleted requests the provider reports done in the active batches
 */
public record BatchProgress(long total, long answered, long failed, long inFlight, int shards, int activeShards,
        long serverCompleted) {

    @Override
    public String toString() {
        return answered + "/" + total + " answered, " + failed + " failed, " + inFlight + " in " + activeShards
                + " running batch(es) (" + serverCompleted + " done there)";
    }
}
