package drp.llm.openai;

/**
 * Which body field carries the token limit on the chat endpoint. {@code max_tokens} is what every
 * OpenAI-compatible server (vLLM, SGLang, llama.cpp, Ollama) accepts; OpenAI's reasoning models
 * accept only {@code max_completion_tokens}.
 */
public enum MaxTokensField {
    MAX_TOKENS("max_tokens"),
    MAX_COMPLETION_TOKENS("max_completion_tokens");

    private final String wireName;

    MaxTokensField(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** From the wire name, as config files write it. */
    public static MaxTokensField parse(String name) {
        for (MaxTokensField f : values()) {
            if (f.wireName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("max tokens field must be max_tokens or max_completion_tokens, got '" + name + "'");
    }
}
