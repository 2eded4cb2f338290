package drp.tiny.token;

/** Token types, numbered as llama.cpp's {@code llama_token_type} (written to GGUF as is). */
public enum TokenType {
    UNDEFINED(0), NORMAL(1), UNKNOWN(2), CONTROL(3), USER_DEFINED(4), UNUSED(5), BYTE(6);

    private final int code;

    TokenType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static TokenType of(int code) {
        for (TokenType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown token type code " + code);
    }
}
