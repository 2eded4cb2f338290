package drp.llm.train;

import drp.core.train.TrainingSpec;
import drp.llm.chat.RetryPolicy;
import drp.llm.chat.Sleeper;
import java.util.Map;
import java.util.Set;

/**
 * Fine-tunes through OpenAI's hosted fine-tuning API (or any server that speaks it): uploads the
 * SFT examples as a {@code fine-tune} file of chat {@code messages}, creates the job, follows its
 * events for progress (the metrics events' "Step N/M: training loss=X"), and returns the
 * fine-tuned model's name as the eval endpoint ({@code openai:BASE_URL#ft:...}). Resuming, retries
 * and cancelling are {@link HostedTrainer}'s.
 *
 * <p>Options: those of every hosted trainer ({@code base_url}, default
 * {@code https://api.openai.com/v1}; {@code api_key_env}, default {@code OPENAI_API_KEY};
 * {@code poll}; {@code timeout}), {@code suffix}, {@code learning_rate_multiplier},
 * {@code batch_size}. The spec's epochs and seed are sent as {@code n_epochs} and {@code seed};
 * its learning rate is not: the API takes a multiplier instead.
 */
public final class OpenAiFineTuningTrainer extends HostedTrainer {

    public static final String NAME = "openai";

    private static final Set<String> OPTIONS = Set.of("suffix", "learning_rate_multiplier", "batch_size");

    public OpenAiFineTuningTrainer() {
        this(System.getenv(), RetryPolicy.DEFAULT, Sleeper.SYSTEM);
    }

    OpenAiFineTuningTrainer(Map<String, String> environment) {
        this(environment, RetryPolicy.DEFAULT, Sleeper.SYSTEM);
    }

    OpenAiFineTuningTrainer(Map<String, String> environment, RetryPolicy retry, Sleeper sleeper) {
        super(NAME, "https://api.openai.com/v1", "OPENAI_API_KEY", OPTIONS, environment, retry, sleeper);
    }

    @Override
    void checkBaseModel(String baseModel, TrainingSpec spec) {
        if (baseModel.contains(":") && !baseModel.startsWith("ft:")) {
            throw new IllegalArgumentException("the openai trainer fine-tunes a hosted model by its name (e.g."
                    + " gpt-4o-mini-2024-07-18); distill.base_model is " + baseModel);
        }
    }

    @Override
    String describe(String baseModel, TrainingSpec spec) {
        return "n_epochs " + Math.round(spec.epochs()) + ", seed " + spec.seed();
    }

    @Override
    FineTuningApi api(Connection connection) {
        return new OpenAiFineTuningApi(connection);
    }
}
