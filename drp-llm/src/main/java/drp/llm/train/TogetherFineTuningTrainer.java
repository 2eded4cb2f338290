package drp.llm.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.core.io.JsonCodec;
import drp.core.train.TrainingSpec;
import drp.llm.chat.RetryPolicy;
import drp.llm.chat.Sleeper;
import java.util.Map;
import java.util.Set;

/**
 * Fine-tunes through Together's fine-tuning API: uploads the SFT examples (chat {@code messages}
 * JSONL, purpose {@code fine-tune}), creates a fine-tune (LoRA unless {@code lora: false}; the
 * prompt masked, {@code train_on_inputs} false), follows its step counters and events, and returns
 * its {@code output_name} as the eval endpoint {@code openai:https://api.together.xyz/v1#NAME}
 * (Together serves it with an OpenAI-compatible chat API). Resuming, retries and cancelling are
 * {@link HostedTrainer}'s.
 *
 * <p>Options: those of every hosted trainer ({@code base_url}, default
 * {@code https://api.together.xyz/v1}; {@code api_key_env}, default {@code TOGETHER_API_KEY};
 * {@code poll}; {@code timeout}), {@code lora} (default true), {@code lora_r} (default 16),
 * {@code lora_alpha} (default twice {@code lora_r}), {@code lora_dropout} (default 0),
 * {@code lora_trainable_modules} (default {@code all-linear}), {@code warmup_ratio},
 * {@code batch_size} (default {@code max}), {@code suffix}, {@code n_checkpoints},
 * {@code train_on_inputs} (default false). The spec's epochs and learning rate are sent as
 * {@code n_epochs} and {@code learning_rate}; its seed is not: the API takes none.
 */
public final class TogetherFineTuningTrainer extends HostedTrainer {

    public static final String NAME = "together";

    private static final Set<String> OPTIONS = Set.of("lora", "lora_r", "lora_alpha", "lora_dropout",
            "lora_trainable_modules", "warmup_ratio", "batch_size", "suffix", "n_checkpoints", "train_on_inputs");

    public TogetherFineTuningTrainer() {
        this(System.getenv(), RetryPolicy.DEFAULT, Sleeper.SYSTEM);
    }

    TogetherFineTuningTrainer(Map<String, String> environment, RetryPolicy retry, Sleeper sleeper) {
        super(NAME, "https://api.together.xyz/v1", "TOGETHER_API_KEY", OPTIONS, environment, retry, sleeper);
    }

    @Override
    void checkBaseModel(String baseModel, TrainingSpec spec) {
        if (baseModel.startsWith("openai:") || baseModel.startsWith("tiny:") || !baseModel.contains("/")) {
            throw new IllegalArgumentException("the together trainer fine-tunes a model Together hosts, by its name"
                    + " (e.g. meta-llama/Meta-Llama-3.1-8B-Instruct-Reference); distill.base_model is " + baseModel);
        }
        // the request is built here so that a wrongly typed option fails before any work
        createBody("file-check", baseModel, spec);
    }

    @Override
    String fingerprint(TrainingSpec spec) {
        return spec.epochs() + "/" + spec.learningRate();
    }

    @Override
    String describe(String baseModel, TrainingSpec spec) {
        ObjectNode body = createBody("FILE_ID", baseModel, spec);
        StringBuilder out = new StringBuilder();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("training_file") && !name.equals("model")) {
                out.append(out.isEmpty() ? "" : ", ").append(name).append(' ').append(body.get(name));
            }
        });
        return out.toString();
    }

    @Override
    FineTuningApi api(Connection connection) {
        return new TogetherFineTuningApi(connection);
    }

    /** The {@code POST /fine-tunes} body, as together-python 1.5.34's FinetuneRequest serializes it. */
    static ObjectNode createBody(String fileId, String baseModel, TrainingSpec spec) {
        Map<String, Object> o = spec.options();
        ObjectNode body = JsonCodec.MAPPER.createObjectNode();
        body.put("training_file", fileId).put("model", baseModel).put("n_epochs", Math.round(spec.epochs()))
                .put("learning_rate", spec.learningRate());
        if (o.containsKey("warmup_ratio")) {
            double warmup = number(o, "warmup_ratio");
            if (warmup < 0 || warmup > 1) {
                throw new IllegalArgumentException("together: warmup_ratio must be in [0, 1], got " + warmup);
            }
            body.put("warmup_ratio", warmup);
        }
        Object batch = o.getOrDefault("batch_size", "max");
        if (batch instanceof Number n) {
            body.put("batch_size", n.longValue());
        } else if ("max".equals(batch)) {
            body.put("batch_size", "max");
        } else {
            throw new IllegalArgumentException("together: batch_size is a number or max, got " + batch);
        }
        if (o.containsKey("suffix")) {
            body.put("suffix", String.valueOf(o.get("suffix")));
        }
        if (o.containsKey("n_checkpoints")) {
            body.put("n_checkpoints", (long) number(o, "n_checkpoints"));
        }
        if (flag(o, "lora", true)) {
            long r = o.containsKey("lora_r") ? (long) number(o, "lora_r") : 16;
            double dropout = o.containsKey("lora_dropout") ? number(o, "lora_dropout") : 0;
            if (dropout < 0 || dropout >= 1) {
                throw new IllegalArgumentException("together: lora_dropout must be in [0, 1), got " + dropout);
            }
            body.putObject("training_type").put("type", "Lora").put("lora_r", r)
                    .put("lora_alpha", o.containsKey("lora_alpha") ? (long) number(o, "lora_alpha") : 2 * r)
                    .put("lora_dropout", dropout)
                    .put("lora_trainable_modules", String.valueOf(o.getOrDefault("lora_trainable_modules", "all-linear")));
        } else {
            body.putObject("training_type").put("type", "Full");
        }
        // the prompt is the question: the student learns the reply alone, as with the other trainers
        body.putObject("training_method").put("method", "sft").put("train_on_inputs", flag(o, "train_on_inputs", false));
        return body;
    }

    private static double number(Map<String, Object> options, String name) {
        if (options.get(name) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("together: " + name + " must be a number, got " + options.get(name));
    }

    private static boolean flag(Map<String, Object> options, String name, boolean otherwise) {
        Object value = options.getOrDefault(name, otherwise);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("together: " + name + " must be true or false, got " + value);
    }
}
