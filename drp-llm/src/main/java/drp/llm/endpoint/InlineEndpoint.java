package drp.llm.endpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an endpoint written on the command line: {@code openai:BASE_URL#MODEL}, with several base
 * URLs separated by commas for replicas of one model, e.g.
 * {@code openai:http://gpu1:8000/v1,http://gpu2:8000/v1#deepseek-r1-distill-qwen-7b}.
 */
public final class InlineEndpoint {

    public static final String PREFIX = "openai:";

    private InlineEndpoint() {}

    /** Whether {@code text} is written as an inline OpenAI-compatible endpoint. */
    public static boolean matches(String text) {
        return text.startsWith(PREFIX);
    }

    /**
     * @param keyEnv the environment variable holding the key ({@code --api-key-env}), or null for
     *     {@code OPENAI_API_KEY} when set
     */
    public static EndpointSpec parse(String text, String keyEnv) {
        if (!matches(text)) {
            throw new IllegalArgumentException("'" + text + "' is not an inline endpoint; write openai:BASE_URL#MODEL");
        }
        String rest = text.substring(PREFIX.length());
        int hash = rest.lastIndexOf('#');
        if (hash < 0 || hash == rest.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' names no model; write openai:BASE_URL#MODEL");
        }
        String model = rest.substring(hash + 1).strip();
        List<URI> urls = new ArrayList<>();
        for (String part : rest.substring(0, hash).split(",")) {
            URI url;
            try {
                url = new URI(part.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("inline endpoint for model " + model + ": base URL "
                        + (urls.size() + 1) + " is not a URL (" + e.getReason() + ")");
            }
            // the inline text becomes the endpoint's name, so it is checked before it is printed
            EndpointSpec.checkUrl("for model " + model, url);
            urls.add(url);
        }
        KeySource key = keyEnv == null ? KeySource.DEFAULT : new KeySource.Env(keyEnv, true);
        return EndpointSpec.of(text, model, urls, key);
    }
}
