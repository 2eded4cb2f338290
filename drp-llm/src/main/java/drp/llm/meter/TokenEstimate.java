package drp.llm.meter;

import drp.core.chat.ChatMessage;
import drp.core.chat.ChatRequest;
import drp.core.chat.Prompt;
import drp.core.token.TokenCounter;

/**
 * How many tokens a request will use, before it is sent: for rate limits, cost estimates and the
 * budget guard. The server's reported usage replaces the estimate once the answer is in.
 */
@FunctionalInterface
public interface TokenEstimate {

    /** Tokens of the prompt. */
    long promptTokens(ChatRequest request);

    /**
     * About 3.5 characters per token plus 4 per message for the chat template: a little above what
     * BPE tokenizers give on English and mathematics, so budgets err on the safe side.
     */
    static TokenEstimate approximate() {
        return request -> {
            long chars = request.promptText().length();
            int messages = request.prompt() instanceof Prompt.Messages m ? m.messages().size() : 0;
            return approximateTokens(chars) + 4L * messages;
        };
    }

    /** About how many tokens {@code chars} characters of English or mathematics make (3.5 per token). */
    static long approximateTokens(long chars) {
        return (long) Math.ceil(chars / 3.5);
    }

    /** Exact counts with the model's own tokenizer (chat template tokens approximated as above). */
    static TokenEstimate exact(TokenCounter counter) {
        return request -> switch (request.prompt()) {
            case Prompt.Text t -> counter.count(t.text());
            case Prompt.Messages m -> {
                long total = 0;
                for (ChatMessage message : m.messages()) {
                    total += counter.count(message.content()) + 4;
                }
                yield total;
            }
        };
    }

    /**
     * The most tokens a request can generate: {@code max_tokens} per choice when set, else
     * {@code expectedPerChoice}, times {@code n}.
     */
    static long completionTokens(ChatRequest request, long expectedPerChoice) {
        long perChoice = request.maxTokens() != null ? request.maxTokens() : expectedPerChoice;
        return perChoice * request.n();
    }
}
