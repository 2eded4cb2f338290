package drp.llm.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.llm.serve.ServedModel.EchoedToken;
import java.util.List;

/**
 * The legacy {@code logprobs} object of an echoed completion, written as vLLM writes it: {@code
 * tokens} (decoded text, the beginning-of-text token's included), {@code token_logprobs} ({@code
 * null} first), {@code text_offset} (each token's start in the concatenated token texts, counted
 * in code points as Python's {@code len} counts, so the prompt's own text is shifted by the
 * beginning-of-text token's) and {@code top_logprobs} ({@code null}: no alternatives are
 * reported).
 */
final class EchoLogprobs {

    private EchoLogprobs() {}

    static ObjectNode json(List<EchoedToken> tokens) {
        ObjectNode logprobs = JsonNodeFactory.instance.objectNode();
        ArrayNode texts = logprobs.putArray("tokens");
        ArrayNode values = logprobs.putArray("token_logprobs");
        ArrayNode offsets = logprobs.putArray("text_offset");
        int offset = 0;
        for (EchoedToken token : tokens) {
            texts.add(token.text());
            if (token.logprob() == null) {
                values.addNull();
            } else {
                values.add(token.logprob());
            }
            offsets.add(offset);
            offset += token.text().codePointCount(0, token.text().length());
        }
        logprobs.putNull("top_logprobs");
        return logprobs;
    }

    /**
     * How many of an echo's tokens are the prompt's: those left when the tokens spelling the
     * generated text are counted back from the last (a token straddling the seam is the prompt's).
     */
    static int promptTokens(List<EchoedToken> tokens, String generated) {
        int remaining = generated.codePointCount(0, generated.length());
        int n = tokens.size();
        while (remaining > 0 && n > 1) {
            EchoedToken last = tokens.get(n - 1);
            int length = last.text().codePointCount(0, last.text().length());
            if (length > remaining) {
                break;
            }
            remaining -= length;
            n--;
        }
        return n;
    }
}
