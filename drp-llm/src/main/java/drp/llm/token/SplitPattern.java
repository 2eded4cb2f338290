package drp.llm.token;

/**
 * The pre-tokenizer {@code Split} regexes that {@link SplitScanner} reproduces by hand, matched
 * against a tokenizer.json's pattern string exactly: any other pattern (even an equivalent one)
 * sends the tokenizer to the Rust library.
 */
enum SplitPattern {

    /** Qwen2 (and Qwen2.5, DeepSeek-R1-Distill-Qwen): single digits. */
    QWEN2("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+", 1),

    /** Llama-3 (and GPT-4's cl100k): runs of up to three digits. */
    LLAMA3("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+", 3);

    private final String regex;
    private final int maxDigits;

    SplitPattern(String regex, int maxDigits) {
        this.regex = regex;
        this.maxDigits = maxDigits;
    }

    /** The regex exactly as tokenizer.json spells it (after JSON unescaping). */
    String regex() {
        return regex;
    }

    /** How many {@code \p{N}} characters one piece takes at most. */
    int maxDigits() {
        return maxDigits;
    }

    /** The pattern whose regex is {@code regex}, or null. */
    static SplitPattern of(String regex) {
        for (SplitPattern pattern : values()) {
            if (pattern.regex.equals(regex)) {
                return pattern;
            }
        }
        return null;
    }
}
