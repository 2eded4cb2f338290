package drp.llm.endpoint;

import drp.core.chat.ChatModelProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * What a command-line endpoint names: an OpenAI-compatible server ({@code openai:URL#MODEL} or a
 * name in the config file), or a model run in this process by a {@link ChatModelProvider}
 * ({@code gguf:PATH}, and {@code tiny:DIR} when drp-tiny is on the class path).
 */
public sealed interface ModelEndpoint {

    /** The endpoint as written. */
    String text();

    /** A model behind one or more OpenAI-compatible servers. */
    record Remote(String text, EndpointSpec spec) implements ModelEndpoint {
        public Remote {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(spec, "spec");
        }
    }

    /** A model loaded into this process. */
    record Local(String text, ChatModelProvider provider, String location) implements ModelEndpoint {
        public Local {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * Reads an endpoint: an inline {@code openai:} endpoint, a name from {@code config}, or
     * {@code SCHEME:LOCATION} of an in-process engine.
     *
     * @param keyEnv the variable holding the API key ({@code --api-key-env}), or null
     */
    static ModelEndpoint resolve(EndpointConfig config, String text, String keyEnv) {
        if (InlineEndpoint.matches(text) || config.endpoint(text).isPresent()) {
            return new Remote(text, config.resolve(text, keyEnv));
        }
        int colon = text.indexOf(':');
        if (colon > 0) {
            String scheme = text.substring(0, colon);
            for (ChatModelProvider provider : providers()) {
                if (provider.scheme().equals(scheme)) {
                    return new Local(text, provider, text.substring(colon + 1));
                }
            }
            if (scheme.equals("tiny")) {
                throw new IllegalArgumentException("'" + text + "': no engine for tiny: is on the class path"
                        + " (drp-tiny provides tiny:CHECKPOINT_DIR)");
            }
        }
        List<String> forms = new ArrayList<>(List.of("openai:BASE_URL#MODEL"));
        providers().forEach(p -> forms.add(p.usage().split("\\s+", 2)[0]));
        String names = config.endpoints().isEmpty() ? "" : "; the config names "
                + config.endpoints().keySet().stream().sorted().collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown endpoint '" + text + "': write " + String.join(", ", forms)
                + ", or a name from --config" + names);
    }

    /** The in-process engines on the class path. */
    static List<ChatModelProvider> providers() {
        List<ChatModelProvider> out = new ArrayList<>();
        ServiceLoader.load(ChatModelProvider.class).forEach(out::add);
        return out;
    }
}
