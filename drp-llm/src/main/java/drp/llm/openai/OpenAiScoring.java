package drp.llm.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import drp.core.chat.ScoredToken;
import drp.core.chat.TargetScore;
import drp.core.chat.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scoring over an OpenAI-compatible {@code /completions} endpoint, the way vLLM offers it: the
 * prompt and the target sent as one raw prompt with {@code echo: true} and {@code logprobs: 1},
 * generating one token at temperature 0. The answer repeats the prompt's tokens, each with its
 * log-probability given the ones before (the first, which nothing predicts, {@code null}), either
 * in the legacy {@code choices[0].logprobs} ({@code tokens}, {@code token_logprobs}) or in vLLM's
 * {@code choices[0].prompt_logprobs} (a list of {@code {token_id: {logprob, rank, decoded_token}}},
 * which vLLM fills whenever echo asks for logprobs), read when the first is missing.
 *
 * <p>The target's tokens are found from the end of the echoed prompt, not from {@code
 * text_offset}: vLLM counts offsets in the decoded tokens, which begin with the beginning-of-text
 * token's own text ({@code <｜begin▁of▁sentence｜>}) that is not in the prompt sent, so counting
 * back the target's characters from the last echoed token is what lands on the seam. A token that
 * begins in the prompt and ends in the target (the tokenizer merged across the seam) is part of
 * the target, at offset 0. Lengths are counted in code points, as Python's {@code len} does.
 * When the echoed texts do not spell the text sent (a character split over several byte-level
 * tokens decodes to replacement characters, or to nothing), counting back would miss the seam:
 * then the prompt alone is echoed once more and the target is every token after its count (a
 * token merged across the seam is then missed; offsets near a split character are approximate).
 */
final class OpenAiScoring {

    /**
     * One generated token, at temperature 0: servers refuse or ignore {@code max_tokens: 0}, and the
     * token costs next to nothing.
     */
    static final long MAX_TOKENS = 1;

    /** How the answer gave the prompt's log-probabilities. */
    enum Form {
        /** {@code choices[0].logprobs}: tokens and token_logprobs over prompt and generation. */
        ECHO,
        /** vLLM's {@code choices[0].prompt_logprobs}. */
        PROMPT_LOGPROBS
    }

    /** A target's score, and the form the server gave it in. */
    record Scored(TargetScore score, Form form) {}

    /** A server that answered but gave no log-probabilities of the prompt: it cannot score. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    private record Echoed(String text, Double logprob) {}

    private OpenAiScoring() {}

    /** The request: prompt and target as one raw prompt, echoed with its log-probabilities. */
    static CompletionCreateParams request(String model, String prompt, String target) {
        return CompletionCreateParams.builder()
                .model(model)
                .prompt(prompt + target)
                .echo(true)
                // 1, not 0: every server takes 1, and vLLM's prompt_logprobs then hold the prompt's
                // own token plus at most the top one, which its rank tells apart
                .logprobs(1L)
                .maxTokens(MAX_TOKENS)
                .temperature(0.0)
                .build();
    }

    /**
     * The target's tokens in the answer to {@link #request}.
     *
     * @throws Unsupported when the answer has no log-probabilities of the prompt
     * @throws IllegalArgumentException when the answer is not a valid one (malformed)
     */
    static Scored read(Completion completion, String prompt, String target) {
        return read(completion, prompt, target, () -> {
            throw new IllegalArgumentException("the echoed tokens do not spell the prompt and target (a character split"
                    + " over tokens decodes to replacement characters), and no count of the prompt's own tokens was asked");
        });
    }

    /**
     * The same, with {@code promptTokens} asked when the echoed tokens' texts do not spell the
     * text sent (a character split over byte-level tokens decodes to replacement characters, or to
     * nothing, so counting characters back from the end would miss the seam): the target is then
     * every token after the prompt's own, as many as the server counts for the prompt alone (the
     * beginning-of-text token included on both sides).
     */
    static Scored read(Completion completion, String prompt, String target, java.util.function.IntSupplier promptTokens) {
        List<CompletionChoice> choices = completion.choices();
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("the answer has no choices");
        }
        CompletionChoice choice = choices.stream().min(Comparator.comparingLong(CompletionChoice::index)).orElseThrow();
        Optional<CompletionUsage> usage = completion.usage();
        Form form;
        List<Echoed> echoed = echo(choice, prompt + target, usage);
        if (echoed != null) {
            form = Form.ECHO;
        } else {
            echoed = promptLogprobs(choice._additionalProperties().get("prompt_logprobs"));
            form = Form.PROMPT_LOGPROBS;
            if (echoed == null) {
                throw new Unsupported("its answer has no log-probabilities of the prompt (choices[0].logprobs does not "
                        + "repeat the prompt's tokens and there is no choices[0].prompt_logprobs): the server ignores "
                        + "echo with logprobs");
            }
        }
        Usage used = usage.map(u -> new Usage(u.promptTokens(), u.completionTokens()))
                .orElse(new Usage(echoed.size(), 0));
        List<ScoredToken> tokens = spells(echoed, prompt + target) ? target(echoed, target)
                : afterPrompt(echoed, promptTokens.getAsInt(), target);
        return new Scored(new TargetScore(completion.model(), tokens, used), form);
    }

    /** Whether the echoed tokens' texts end with {@code sent} exactly (a beginning-of-text token's text may precede it). */
    private static boolean spells(List<Echoed> echoed, String sent) {
        StringBuilder joined = new StringBuilder();
        echoed.forEach(e -> joined.append(e.text()));
        return joined.toString().endsWith(sent);
    }

    /**
     * The tokens after the first {@code promptTokens}; their offsets in the target are where their
     * decoded texts would begin, kept within the target (approximate near a split character).
     */
    private static List<ScoredToken> afterPrompt(List<Echoed> echoed, int promptTokens, String target) {
        if (promptTokens < 1 || promptTokens >= echoed.size()) {
            throw new IllegalArgumentException("the prompt alone is " + promptTokens + " tokens, but prompt and target"
                    + " echo only " + echoed.size());
        }
        List<ScoredToken> out = new ArrayList<>(echoed.size() - promptTokens);
        int offset = 0;
        for (int i = promptTokens; i < echoed.size(); i++) {
            Echoed token = echoed.get(i);
            if (token.logprob() == null) {
                throw new IllegalArgumentException("token " + i + " '" + token.text() + "' of the target has no logprob");
            }
            out.add(new ScoredToken(token.text(), Math.min(offset, Math.max(0, target.length() - 1)),
                    Math.min(token.logprob(), 0.0)));
            offset += token.text().length();
        }
        return out;
    }

    /** How many tokens the server counts in an answer to {@link #request} with an empty target: the prompt's own. */
    static int promptTokens(Completion completion, String prompt) {
        List<CompletionChoice> choices = completion.choices();
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("the answer has no choices");
        }
        CompletionChoice choice = choices.stream().min(Comparator.comparingLong(CompletionChoice::index)).orElseThrow();
        List<Echoed> echoed = echo(choice, prompt, completion.usage());
        if (echoed == null) {
            echoed = promptLogprobs(choice._additionalProperties().get("prompt_logprobs"));
        }
        if (echoed == null) {
            throw new Unsupported("its answer to the prompt alone has no log-probabilities of the prompt");
        }
        return echoed.size();
    }

    /**
     * The echoed prompt's tokens from the legacy logprobs, without the generated ones; null when
     * the server did not echo (no logprobs, or a text that does not repeat the prompt).
     */
    private static List<Echoed> echo(CompletionChoice choice, String sent, Optional<CompletionUsage> usage) {
        Optional<CompletionChoice.Logprobs> logprobs = choice.logprobs();
        List<String> tokens = logprobs.flatMap(CompletionChoice.Logprobs::tokens).orElse(List.of());
        List<Double> values = logprobs.flatMap(CompletionChoice.Logprobs::tokenLogprobs).orElse(List.of());
        if (tokens.isEmpty() || !choice.text().startsWith(sent)) {
            return null;
        }
        if (values.size() != tokens.size()) {
            throw new IllegalArgumentException("logprobs has " + tokens.size() + " tokens but " + values.size()
                    + " token_logprobs");
        }
        // usage says how many of the tokens are the prompt's; without it, the text says whether one
        // was generated after the echo
        int promptTokens = usage.map(u -> (int) u.promptTokens())
                .filter(n -> n > 0 && n <= tokens.size())
                .orElse(choice.text().length() > sent.length() ? tokens.size() - 1 : tokens.size());
        List<Echoed> out = new ArrayList<>(promptTokens);
        for (int i = 0; i < promptTokens; i++) {
            out.add(new Echoed(tokens.get(i), values.get(i)));
        }
        return out;
    }

    /**
     * vLLM's {@code prompt_logprobs}: per prompt token, null for the first, else a map from token id
     * to {@code {logprob, rank, decoded_token}} holding the prompt's token and the top {@code
     * logprobs} others. With one other, the prompt's token is the entry alone, or the one ranked
     * lower (the top one has rank 1). Null when the field is absent or empty.
     */
    private static List<Echoed> promptLogprobs(JsonValue field) {
        if (field == null) {
            return null;
        }
        JsonNode list = ObjectMappers.jsonMapper().convertValue(field, JsonNode.class);
        if (list == null || !list.isArray() || list.isEmpty()) {
            return null;
        }
        List<Echoed> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            if (entry == null || entry.isNull()) {
                out.add(new Echoed("", null));
                continue;
            }
            if (!entry.isObject() || entry.isEmpty()) {
                throw new IllegalArgumentException("prompt_logprobs[" + i + "] is not a map of token ids");
            }
            JsonNode own = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
                JsonNode candidate = it.next().getValue();
                if (own == null || candidate.path("rank").asLong() > own.path("rank").asLong()) {
                    own = candidate;
                }
            }
            if (!own.path("logprob").isNumber()) {
                throw new IllegalArgumentException("prompt_logprobs[" + i + "] has no logprob");
            }
            out.add(new Echoed(own.path("decoded_token").asText(""), own.path("logprob").asDouble()));
        }
        return out;
    }

    /**
     * The echoed tokens that make up the target, counted back from the last: the first of them may
     * begin in the prompt, and then has offset 0.
     */
    private static List<ScoredToken> target(List<Echoed> echoed, String target) {
        int length = target.codePointCount(0, target.length());
        int first = echoed.size();
        int covered = 0;
        while (covered < length && first > 0) {
            first--;
            String text = echoed.get(first).text();
            covered += text.codePointCount(0, text.length());
        }
        if (covered < length) {
            throw new IllegalArgumentException("the echoed tokens spell " + covered + " characters, fewer than the "
                    + length + " of the target");
        }
        List<ScoredToken> out = new ArrayList<>(echoed.size() - first);
        int start = length - covered;
        for (int i = first; i < echoed.size(); i++) {
            Echoed token = echoed.get(i);
            if (token.logprob() == null) {
                throw new IllegalArgumentException("token " + i + " '" + token.text() + "' of the target has no logprob");
            }
            int offset = target.offsetByCodePoints(0, Math.max(0, Math.min(start, length)));
            // servers round a near-certain token's log-probability to a hair above 0 now and then
            out.add(new ScoredToken(token.text(), offset, Math.min(token.logprob(), 0.0)));
            start += token.text().codePointCount(0, token.text().length());
        }
        return out;
    }
}
