package drp.llm.train;

import drp.core.chat.ChatException;
import drp.core.train.TrainingSpec;
import java.util.List;
import java.util.Optional;

/**
 * The calls a hosted fine-tuning provider answers, each once (retries are the caller's): what
 * differs between OpenAI's and Together's APIs, so that {@link HostedFineTuning} drives both the
 * same way. Every failure is a {@link ChatException} whose retry semantics match its cause, with
 * no API key in its message.
 */
interface FineTuningApi extends AutoCloseable {

    /** Uploads the training file (chat {@code messages} JSONL) and returns its id. */
    String upload(byte[] jsonl, String fileName);

    /**
     * The job already created from {@code fileId}, if any: a creation whose answer was lost (a
     * time-out, a kill between the answer and job.json) must not start a second, paid job.
     */
    Optional<String> findJob(String fileId);

    /** Creates the job that fine-tunes {@code baseModel} on {@code fileId} as {@code spec} says, and returns its id. */
    String create(String fileId, String baseModel, TrainingSpec spec);

    HostedJob retrieve(String jobId);

    /** The job's events, oldest first (at least the recent ones). */
    List<HostedEvent> events(String jobId);

    /** Asks the provider to cancel the job and returns its status after that. */
    HostedJob cancel(String jobId);

    @Override
    void close();
}
