package drp.llm.endpoint;

import drp.llm.openai.ApiKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where an endpoint's API key comes from: an environment variable or a file named in the config,
 * never the config or the command line themselves. Printing a source shows where, never the key.
 */
public sealed interface KeySource {

    /** The endpoint needs no key (a local server). */
    record None() implements KeySource {}

    /**
     * An environment variable.
     *
     * @param required whether an unset variable is an error (named explicitly) or means no key
     *     (the implicit {@code OPENAI_API_KEY} of an inline endpoint)
     */
    record Env(String variable, boolean required) implements KeySource {
        public Env {
            Objects.requireNonNull(variable, "variable");
            if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("'" + variable + "' is not an environment variable name");
            }
        }
    }

    /** A file holding the key (e.g. a mounted secret); surrounding white space is ignored. */
    record File(Path path) implements KeySource {
        public File {
            Objects.requireNonNull(path, "path");
        }
    }

    /** The implicit key of inline endpoints: {@code OPENAI_API_KEY} when it is set. */
    KeySource DEFAULT = new Env("OPENAI_API_KEY", false);

    /**
     * Reads the key.
     *
     * @param env the environment ({@code System::getenv} outside tests)
     * @param endpoint the endpoint's name, for messages
     */
    default Optional<ApiKey> resolve(Function<String, String> env, String endpoint) {
        return switch (this) {
            case None none -> Optional.empty();
            case Env e -> {
                String value = env.apply(e.variable());
                if (value == null || value.isBlank()) {
                    if (e.required()) {
                        throw new IllegalArgumentException("environment variable " + e.variable()
                                + " (the API key of endpoint " + endpoint + ") is not set");
                    }
                    yield Optional.empty();
                }
                yield Optional.of(ApiKey.of(value));
            }
            case File f -> {
                try {
                    yield Optional.of(ApiKey.of(Files.readString(f.path())));
                } catch (IOException ex) {
                    throw new IllegalArgumentException("cannot read the key file " + f.path() + " of endpoint " + endpoint
                            + ": " + ex.getClass().getSimpleName(), ex);
                } catch (IllegalArgumentException empty) {
                    throw new IllegalArgumentException("the key file " + f.path() + " of endpoint " + endpoint + " is empty");
                }
            }
        };
    }
}
