package drp.core.chat;

import java.util.Objects;

/**
 * Names what answers a {@link ChatModel}: where (the endpoint) and which model. It is part of every
 * cache key and appears in reports, so it never holds a secret.
 *
 * @param endpoint where the model runs, e.g. {@code openai:http://127.0.0.1:8000/v1}
 * @param model the model name as the endpoint knows it, e.g. {@code deepseek-r1-distill-qwen-7b}
 */
public record ModelId(String endpoint, String model) {

    public ModelId {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        if (endpoint.isBlank() || model.isBlank()) {
            throw new IllegalArgumentException("endpoint and model must not be blank: '" + endpoint + "', '" + model + "'");
        }
    }

    /** {@code endpoint#model}. */
    @Override
    public String toString() {
        return endpoint + "#" + model;
    }
}
