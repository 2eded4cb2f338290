package drp.llm.token;

import drp.core.token.TokenCounter;

/**
 * What {@link TokenizerLoader#load(java.nio.file.Path)} returns: a token counter that matches the
 * HuggingFace {@code tokenizers} library count for count and holds resources until closed.
 * Either the pure-Java {@link ByteLevelBpeCounter} (byte-level BPE tokenizers of the Qwen2 and
 * Llama-3 families) or the Rust library itself, {@link HuggingFaceTokenCounter}, for every other
 * tokenizer.
 */
public sealed interface ExactTokenCounter extends TokenCounter, AutoCloseable
        permits ByteLevelBpeCounter, HuggingFaceTokenCounter {

    /** Frees what the counter holds; counting afterwards throws IllegalStateException. Idempotent. */
    @Override
    void close();
}
