package drp.llm.token;

/**
 * GPT-2's byte-level alphabet, as HuggingFace's {@code ByteLevel} pre-tokenizer uses it: every
 * byte gets a printable character (the printable Latin-1 bytes stand for themselves, the others
 * take U+0100 onwards in byte order). A byte-level BPE vocabulary is written in these characters;
 * the fast counter maps it back to raw bytes once, at load, so that counting runs on UTF-8 bytes.
 */
final class ByteLevelAlphabet {

    /** The highest character of the alphabet: U+0143 (the 68 non-printable bytes follow U+00FF). */
    static final int MAX_CHAR = 0x143;

    /** Character -> byte, -1 where the character is not in the alphabet. */
    private static final short[] BYTE_OF = new short[MAX_CHAR + 1];

    static {
        java.util.Arrays.fill(BYTE_OF, (short) -1);
        int next = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            int c = printable ? b : 0x100 + next++;
            BYTE_OF[c] = (short) b;
        }
    }

    private ByteLevelAlphabet() {}

    /** The byte that {@code codePoint} stands for, or -1 when it is not a byte-level character. */
    static int byteOf(int codePoint) {
        return codePoint >= 0 && codePoint <= MAX_CHAR ? BYTE_OF[codePoint] : -1;
    }
}
