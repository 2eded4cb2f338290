package drp.core.token;

import java.util.List;

/**
 * Counts tokens exactly as a model's tokenizer does. Port: adapters live in drp-llm (HuggingFace
 * tokenizers) and drp-tiny (the embedded student's tokenizer).
 *
 * <p>Implementations never truncate: a 30,000-token trace counts as 30,000.
 */
public interface TokenCounter {

    /** A short name for reports and run.json, e.g. {@code qwen2} or {@code tiny}. */
    String name();

    /** The number of tokens of {@code text}, with no special tokens added. */
    int count(String text);

    /** Counts many texts; adapters may override to batch. The result is in input order. */
    default int[] countAll(List<String> texts) {
        int[] counts = new int[texts.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = count(texts.get(i));
        }
        return counts;
    }
}
