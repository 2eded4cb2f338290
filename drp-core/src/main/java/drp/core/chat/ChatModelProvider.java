package drp.core.chat;

import drp.core.token.TokenCounter;
import java.util.Optional;

/**
 * Opens models that run in this process, named {@code SCHEME:LOCATION} on the command line (for
 * example {@code gguf:models/qwen.gguf}, {@code tiny:runs/tiny/checkpoint}). Modules that bring
 * an engine implement it and list the class in
 * {@code META-INF/services/drp.core.chat.ChatModelProvider}; drp finds them with
 * {@link java.util.ServiceLoader}. OpenAI-compatible servers are not providers: they are endpoints
 * ({@code openai:URL#MODEL} or a name in the config file).
 */
public interface ChatModelProvider {

    /** The scheme this provider answers to, without the colon: {@code gguf}. */
    String scheme();

    /** One line for help texts: the form and what it runs, e.g. {@code gguf:PATH[?ctx=N]  a GGUF file...}. */
    String usage();

    /**
     * Loads the model at {@code location} (what follows {@code scheme:}).
     *
     * @throws IllegalArgumentException when the location is not usable, naming what is wrong
     */
    ChatModel open(String location);

    /**
     * The exact tokenizer of the model at {@code location}, when this provider can give it without
     * loading the whole model (drp-tiny can); empty by default. Stages count the student's tokens
     * with it when no tokenizer files are named.
     */
    default Optional<TokenCounter> tokenizer(String location) {
        return Optional.empty();
    }
}
