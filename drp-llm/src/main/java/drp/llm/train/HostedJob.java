package drp.llm.train;

/**
 * A hosted fine-tuning job as one look at it found it, in the provider's words and in drp's.
 *
 * @param status        the provider's status, e.g. {@code running}
 * @param phase         what the status means to drp
 * @param model         the fine-tuned model's name once the job succeeded, else null
 * @param error         why the job failed, as the provider says it, else null
 * @param trainedTokens tokens trained on, 0 when not reported
 * @param totalSteps    optimizer steps in all, 0 when the provider does not report them on the job
 * @param doneSteps     optimizer steps done so far (with {@code totalSteps})
 */
record HostedJob(String status, Phase phase, String model, String error, long trainedTokens, long totalSteps,
        long doneSteps) {

    /** Where a job stands. */
    enum Phase {
        /** Validating, queued, training, saving: look again later. */
        RUNNING,
        /** Done, with a model. */
        SUCCEEDED,
        /** Ended without a model, for the reason in {@code error}. */
        FAILED,
        /** Cancelled, or asked to be. */
        CANCELLED
    }
}
