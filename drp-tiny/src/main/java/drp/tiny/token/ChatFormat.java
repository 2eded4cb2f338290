package drp.tiny.token;

import java.util.Arrays;

/**
 * The embedded student's chat template, in token ids:
 * {@code <s><|user|>QUESTION<|assistant|>} for the prompt, then the assistant text
 * ({@code <think>\n...\n</think>\n\nThe answer is N.}) and {@code </s>}.
 */
public final class ChatFormat {

    private final TinyTokenizer tokenizer;
    private final Vocabulary vocabulary;

    public ChatFormat(TinyTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.vocabulary = tokenizer.vocabulary();
    }

    public TinyTokenizer tokenizer() {
        return tokenizer;
    }

    /** The prompt the model continues: {@code <s><|user|>QUESTION<|assistant|>}. */
    public int[] prompt(String question) {
        int[] body = tokenizer.encode(question);
        int[] ids = new int[body.length + 3];
        ids[0] = vocabulary.bos();
        ids[1] = vocabulary.require(Vocabulary.USER);
        System.arraycopy(body, 0, ids, 2, body.length);
        ids[ids.length - 1] = vocabulary.require(Vocabulary.ASSISTANT);
        return ids;
    }

    /** The assistant turn as trained on: the text, then {@code </s>}. */
    public int[] reply(String assistantText) {
        int[] body = tokenizer.encode(assistantText);
        int[] ids = Arrays.copyOf(body, body.length + 1);
        ids[body.length] = vocabulary.eos();
        return ids;
    }

    /** The token that ends a reply. */
    public int endOfReply() {
        return vocabulary.eos();
    }

    /**
     * A training example: prompt then reply, with the loss mask on the reply tokens only (the
     * targets that the model must predict after the prompt).
     */
    public Example example(String question, String assistantText) {
        int[] prompt = prompt(question);
        int[] reply = reply(assistantText);
        int[] tokens = new int[prompt.length + reply.length];
        System.arraycopy(prompt, 0, tokens, 0, prompt.length);
        System.arraycopy(reply, 0, tokens, prompt.length, reply.length);
        return new Example(tokens, prompt.length);
    }

    /**
     * A token sequence whose positions from {@code promptLength} on are the assistant's: the loss
     * is taken on predicting tokens[promptLength..] from what precedes them.
     */
    public record Example(int[] tokens, int promptLength) {
        public Example {
            if (promptLength < 1 || promptLength >= tokens.length) {
                throw new IllegalArgumentException("example: prompt length " + promptLength + " of " + tokens.length + " tokens");
            }
        }

        public int length() {
            return tokens.length;
        }
    }
}
