package drp.cli.pipeline;

import drp.core.chat.ChatModel;
import drp.core.token.TokenCounter;
import java.util.Optional;

/**
 * Opens the endpoints a pipeline names, with the command's model options (config file, key
 * variable, retries, time-outs, the shared cost cap); the command implements it.
 */
public interface Models {

    /** The endpoint opened for calls (decorated: meter, budget, retries, and the call cache for remote ones). */
    ChatModel open(String endpoint);

    /**
     * The Batch API of {@code endpoint} (an OpenAI-compatible one, with the call cache on), its
     * job state kept in {@code stateFile}; {@code pollInterval} how often a running job is looked at.
     *
     * @throws IllegalArgumentException when the endpoint runs in this process or the cache is off
     */
    BatchAccess batch(String endpoint, java.nio.file.Path stateFile, java.time.Duration pollInterval);

    /** The exact tokenizer an in-process endpoint brings ({@code tiny:...}), if it brings one. */
    Optional<TokenCounter> tokenizer(String endpoint);

    /** Tokens in and out and the cost so far, for progress lines: "1.2M tokens in, 340k out, $1.23". */
    String usage();

    /** What the calls did, for run.json and the report. */
    java.util.Map<String, Object> usageRecord();

    /**
     * The price of {@code endpoint}'s model per million tokens (input, output), when the config
     * names one; empty when unknown. An in-process model is free.
     */
    Optional<double[]> price(String endpoint);
}
