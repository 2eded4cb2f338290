package drp.llm.train;

/**
 * One event of a hosted fine-tuning job.
 *
 * @param id      what tells it apart from the job's other events, so that each is reported once
 * @param message the provider's text, e.g. {@code Step 3/40: training loss=0.61}
 */
record HostedEvent(String id, String message) {}
