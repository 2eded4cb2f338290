package drp.llm.openai;

import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionUsage;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.chat.FinishReason;
import drp.core.chat.TokenLogprob;
import drp.core.chat.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the SDK's responses into {@link ChatResponse}s. Reads the reasoning that vLLM, SGLang and
 * DeepSeek send beside the content ({@code reasoning_content}, or {@code reasoning} in newer vLLM)
 * from the message's additional properties, since the OpenAI schema has no field for it.
 */
final class OpenAiResponses {

    private OpenAiResponses() {}

    static ChatResponse chat(ChatCompletion completion) {
        List<Choice> choices = new ArrayList<>();
        List<ChatCompletion.Choice> sorted = new ArrayList<>(completion.choices());
        sorted.sort(Comparator.comparingLong(ChatCompletion.Choice::index));
        for (ChatCompletion.Choice c : sorted) {
            Map<String, JsonValue> properties = c.message()._allProperties();
            String reasoning = text(properties.get("reasoning_content")).or(() -> text(properties.get("reasoning"))).orElse(null);
            List<TokenLogprob> logprobs = c.logprobs()
                    .flatMap(ChatCompletion.Choice.Logprobs::content)
                    .map(OpenAiResponses::chatLogprobs)
                    .orElse(List.of());
            choices.add(Choice.of(Math.toIntExact(c.index()), c.message().content().orElse(""), reasoning,
                    finish(c._finishReason().asKnown().flatMap(f -> f._value().asString())), logprobs));
        }
        return new ChatResponse(completion.model(), choices, usage(completion.usage()));
    }

    static ChatResponse completion(Completion completion) {
        List<Choice> choices = new ArrayList<>();
        List<CompletionChoice> sorted = new ArrayList<>(completion.choices());
        sorted.sort(Comparator.comparingLong(CompletionChoice::index));
        for (CompletionChoice c : sorted) {
            List<TokenLogprob> logprobs = c.logprobs().map(OpenAiResponses::completionLogprobs).orElse(List.of());
            choices.add(Choice.of(Math.toIntExact(c.index()), c.text(), null,
                    finish(c._finishReason().asKnown().flatMap(f -> f._value().asString())), logprobs));
        }
        return new ChatResponse(completion.model(), choices, usage(completion.usage()));
    }

    private static FinishReason finish(Optional<String> wire) {
        return FinishReason.parse(wire.orElse(null));
    }

    private static Usage usage(Optional<CompletionUsage> usage) {
        return usage.map(u -> new Usage(u.promptTokens(), u.completionTokens())).orElse(Usage.NONE);
    }

    private static Optional<String> text(JsonValue value) {
        if (value == null) {
            return Optional.empty();
        }
        // JsonValue is a JsonField<Nothing> in Kotlin, so Java sees raw Optionals here
        Optional<?> text = value.asString();
        return text.map(Object::toString).filter(s -> !s.isEmpty());
    }

    private static List<TokenLogprob> chatLogprobs(List<ChatCompletionTokenLogprob> tokens) {
        List<TokenLogprob> out = new ArrayList<>(tokens.size());
        for (ChatCompletionTokenLogprob t : tokens) {
            List<TokenLogprob> top = new ArrayList<>();
            for (ChatCompletionTokenLogprob.TopLogprob alt : t._topLogprobs().asKnown().orElse(List.of())) {
                top.add(new TokenLogprob(alt.token(), clamp(alt.logprob()), List.of()));
            }
            out.add(new TokenLogprob(t.token(), clamp(t.logprob()), top));
        }
        return out;
    }

    private static List<TokenLogprob> completionLogprobs(CompletionChoice.Logprobs logprobs) {
        List<String> tokens = logprobs.tokens().orElse(List.of());
        List<Double> values = logprobs.tokenLogprobs().orElse(List.of());
        List<CompletionChoice.Logprobs.TopLogprob> tops = logprobs.topLogprobs().orElse(List.of());
        List<TokenLogprob> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size() && i < values.size(); i++) {
            List<TokenLogprob> top = new ArrayList<>();
            if (i < tops.size() && tops.get(i) != null) {
                tops.get(i)._allProperties().forEach((token, lp) -> {
                    Optional<?> number = lp.asNumber();
                    number.map(Number.class::cast)
                            .ifPresent(n -> top.add(new TokenLogprob(token, clamp(n.doubleValue()), List.of())));
                });
                top.sort(Comparator.comparingDouble(TokenLogprob::logprob).reversed());
            }
            Double value = values.get(i);
            out.add(new TokenLogprob(tokens.get(i), value == null ? Double.NEGATIVE_INFINITY : clamp(value), top));
        }
        return out;
    }

    /** Servers round a near-certain token's log-probability to a hair above 0 now and then. */
    private static double clamp(double logprob) {
        return Math.min(logprob, 0.0);
    }
}
