package drp.cli;

import drp.core.stage.Sampling;
import picocli.CommandLine.Option;

/** How the student is sampled: R1's recommendation by default, or greedy. */
final class SamplingOptions {

    @Option(names = "--greedy", description = "Greedy decoding (temperature 0) instead of R1's recommended sampling.")
    boolean greedy;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature. Default: 0.6 (R1's recommendation).")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "P", description = "Nucleus sampling mass. Default: 0.95 (R1's recommendation).")
    Double topP;

    @Option(names = "--max-tokens", defaultValue = "32768", paramLabel = "N",
            description = "The most tokens per output, thinking included. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    Sampling sampling() {
        if (greedy && (temperature != null || topP != null)) {
            throw new UserError("--greedy takes no --temperature or --top-p");
        }
        if (greedy) {
            return Sampling.greedy(maxTokens);
        }
        Sampling r1 = Sampling.r1(maxTokens);
        try {
            return new Sampling(temperature != null ? temperature : r1.temperature(), topP != null ? topP : r1.topP(),
                    maxTokens, r1.extra());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
