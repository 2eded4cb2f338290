package drp.tiny.chat;

import drp.core.token.TokenCounter;
import java.util.Optional;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatModelProvider;

/**
 * {@code tiny:CHECKPOINT_DIR} and {@code tiny:base}: the embedded student as an endpoint, found by
 * drp-llm's endpoint resolution through {@link java.util.ServiceLoader} whenever drp-tiny is on the
 * class path (drp-llm does not depend on drp-tiny).
 */
public final class TinyModelProvider implements ChatModelProvider {

    @Override
    public String scheme() {
        return TinyChatModel.SCHEME;
    }

    @Override
    public String usage() {
        return "tiny:CHECKPOINT_DIR  a drp-tiny checkpoint run in this process (tiny:base: the shipped base student)";
    }

    @Override
    public ChatModel open(String location) {
        return TinyChatModel.open(location);
    }

    /** The student's own tokenizer (the model is small enough that loading it whole costs nothing). */
    @Override
    public Optional<TokenCounter> tokenizer(String location) {
        return Optional.of(TinyChatModel.open(location).student().tokenCounter());
    }
}
