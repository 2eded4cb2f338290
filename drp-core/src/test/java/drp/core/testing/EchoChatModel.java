package drp.core.testing;

import drp.core.chat.ChatMessage;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.chat.FinishReason;
import drp.core.chat.ModelId;
import drp.core.chat.Prompt;
import drp.core.chat.TokenLogprob;
import drp.core.chat.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic stand-in for a reasoning model, for tests: it thinks by restating the last user
 * message (or raw prompt) in a {@code <think>} block, then answers with it verbatim. A token is a
 * word with its trailing white space. It honours {@code n}, {@code max_tokens}, stop sequences,
 * logprobs, temperature (choices differ only when it is above 0) and the seed.
 *
 * <p>The scripted OpenAI-compatible server in drp-llm's tests answers with this model, so a
 * request's result is the same in memory and over the wire.
 */
public final class EchoChatModel implements ChatModel {

    private static final Pattern TOKEN = Pattern.compile("\\S+\\s*");

    private final ModelId id;
    private final AtomicLong calls = new AtomicLong();

    public EchoChatModel() {
        this(new ModelId("echo:memory", "echo"));
    }

    public EchoChatModel(ModelId id) {
        this.id = id;
    }

    @Override
    public ModelId id() {
        return id;
    }

    /** How many requests this model has answered. */
    public long calls() {
        return calls.get();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        calls.incrementAndGet();
        String source = source(request);
        List<Choice> choices = new ArrayList<>();
        long completionTokens = 0;
        for (int i = 0; i < request.n(); i++) {
            boolean sampled = request.temperature() != null && request.temperature() > 0;
            String thinking = sampled
                    ? "Sample " + i + " with seed " + request.seed() + ". Restating: " + source
                    : "Restating: " + source;
            String full = "<think>\n" + thinking + "\n</think>\n\n" + source;
            Generated generated = generate(full, request);
            completionTokens += generated.tokens.size();
            List<TokenLogprob> logprobs = request.logprobs() == null ? List.of() : logprobs(generated.tokens, request.logprobs());
            choices.add(Choice.of(i, generated.text, null, generated.finish, logprobs));
        }
        long promptTokens = tokens(request.promptText()).size();
        return new ChatResponse(id.model(), choices, new Usage(promptTokens, completionTokens));
    }

    /** The text the model restates: the last user message, or the raw prompt. */
    public static String source(ChatRequest request) {
        return switch (request.prompt()) {
            case Prompt.Text t -> t.text().strip();
            case Prompt.Messages m -> {
                String last = "";
                for (ChatMessage message : m.messages()) {
                    if (message.role() == ChatMessage.Role.USER) {
                        last = message.content();
                    }
                }
                yield last.strip();
            }
        };
    }

    private record Generated(String text, List<String> tokens, FinishReason finish) {}

    private static Generated generate(String full, ChatRequest request) {
        int stopAt = full.length();
        for (String stop : request.stop()) {
            int at = full.indexOf(stop);
            if (at >= 0 && at < stopAt) {
                stopAt = at;
            }
        }
        List<String> tokens = tokens(full.substring(0, stopAt));
        FinishReason finish = FinishReason.STOP;
        if (request.maxTokens() != null && tokens.size() > request.maxTokens()) {
            tokens = tokens.subList(0, request.maxTokens());
            finish = FinishReason.LENGTH;
        }
        return new Generated(String.join("", tokens), List.copyOf(tokens), finish);
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    private static List<TokenLogprob> logprobs(List<String> tokens, int alternatives) {
        List<TokenLogprob> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            double lp = -0.125 * (1 + i % 3);
            List<TokenLogprob> top = new ArrayList<>();
            for (int k = 0; k < alternatives; k++) {
                top.add(new TokenLogprob(k == 0 ? tokens.get(i) : "alt" + k, k == 0 ? lp : lp - k, List.of()));
            }
            out.add(new TokenLogprob(tokens.get(i), lp, top));
        }
        return out;
    }
}
