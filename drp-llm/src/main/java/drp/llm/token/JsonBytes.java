package drp.llm.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal pull reader over the UTF-8 bytes of a JSON document, written for tokenizer.json: the
 * small parts (normalizer, pre-tokenizer, added tokens) become plain maps and lists, while the
 * vocabulary's 150,000 keys and the merges are decoded straight into byte-level bytes, with no
 * String per token. Malformed input throws {@link Malformed}; the caller then leaves the file to
 * the Rust library, which reports it.
 */
final class JsonBytes {

    /** Not well-formed JSON, at a byte offset. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message, int offset) {
            super(message + " at byte " + offset);
        }
    }

    private final byte[] b;
    private int p;

    JsonBytes(byte[] bytes) {
        // no byte order mark is skipped: serde_json refuses one, so the file goes to the Rust side, which says so
        this.b = bytes;
    }

    int position() {
        return p;
    }

    void seek(int position) {
        p = position;
    }

    /** The next non-whitespace byte, not consumed; -1 at the end. */
    int peek() {
        while (p < b.length) {
            byte c = b[p];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                p++;
            } else {
                return c & 0xFF;
            }
        }
        return -1;
    }

    void expect(char c) throws Malformed {
        if (peek() != c) {
            throw new Malformed("expected '" + c + "'", p);
        }
        p++;
    }

    /** Consumes a ',' and returns true, or returns false before the closing {@code close}. */
    boolean more(char close) throws Malformed {
        int c = peek();
        if (c == ',') {
            p++;
            return true;
        }
        if (c == close) {
            return false;
        }
        throw new Malformed("expected ',' or '" + close + "'", p);
    }

    /** Opens an object; returns false when it is empty (and consumes its '}'). */
    boolean openObject() throws Malformed {
        expect('{');
        if (peek() == '}') {
            p++;
            return false;
        }
        return true;
    }

    /** Opens an array; returns false when it is empty (and consumes its ']'). */
    boolean openArray() throws Malformed {
        expect('[');
        if (peek() == ']') {
            p++;
            return false;
        }
        return true;
    }

    /** A key and its ':'. */
    String key() throws Malformed {
        String key = string();
        expect(':');
        return key;
    }

    boolean atEnd() {
        return peek() == -1;
    }

    /** Any value as a tree: Map, List, String, Double, Boolean or null. */
    Object value() throws Malformed {
        int c = peek();
        switch (c) {
            case '{' -> {
                Map<String, Object> map = new LinkedHashMap<>();
                if (openObject()) {
                    do {
                        String key = key();
                        map.put(key, value());
                    } while (more('}'));
                    p++;
                }
                return map;
            }
            case '[' -> {
                List<Object> list = new ArrayList<>();
                if (openArray()) {
                    do {
                        list.add(value());
                    } while (more(']'));
                    p++;
                }
                return list;
            }
            case '"' -> {
                return string();
            }
            case 't' -> {
                literal("true");
                return Boolean.TRUE;
            }
            case 'f' -> {
                literal("false");
                return Boolean.FALSE;
            }
            case 'n' -> {
                literal("null");
                return null;
            }
            default -> {
                return number();
            }
        }
    }

    /** Skips any value. */
    void skip() throws Malformed {
        int c = peek();
        if (c == '{' || c == '[') {
            int depth = 0;
            while (p < b.length) {
                byte x = b[p++];
                if (x == '"') {
                    p--;
                    skipString();
                } else if (x == '{' || x == '[') {
                    depth++;
                } else if ((x == '}' || x == ']') && --depth == 0) {
                    return;
                }
            }
            throw new Malformed("unterminated " + (char) c, p);
        }
        if (c == '"') {
            skipString();
        } else {
            value();
        }
    }

    private void skipString() throws Malformed {
        p++;
        while (p < b.length) {
            byte x = b[p++];
            if (x == '\\') {
                p++;
            } else if (x == '"') {
                return;
            }
        }
        throw new Malformed("unterminated string", p);
    }

    private void literal(String word) throws Malformed {
        for (int i = 0; i < word.length(); i++) {
            if (p >= b.length || b[p] != word.charAt(i)) {
                throw new Malformed("expected " + word, p);
            }
            p++;
        }
    }

    private Double number() throws Malformed {
        int start = p;
        while (p < b.length && "+-0123456789.eE".indexOf(b[p]) >= 0) {
            p++;
        }
        try {
            return Double.valueOf(new String(b, start, p - start, java.nio.charset.StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new Malformed("expected a value", start);
        }
    }

    /** A non-negative integer that fits an int. */
    int integer() throws Malformed {
        peek();
        int start = p;
        long v = 0;
        while (p < b.length && b[p] >= '0' && b[p] <= '9' && v <= Integer.MAX_VALUE) {
            v = v * 10 + (b[p++] - '0');
        }
        if (p == start || v > Integer.MAX_VALUE || (p < b.length && (b[p] == '.' || b[p] == 'e' || b[p] == 'E'))) {
            throw new Malformed("expected a token id", start);
        }
        return (int) v;
    }

    /** A string value, decoded. */
    String string() throws Malformed {
        expect('"');
        int start = p;
        // fast path: no escapes
        while (p < b.length && b[p] != '"' && b[p] != '\\') {
            p++;
        }
        if (p < b.length && b[p] == '"') {
            return new String(b, start, p++ - start, java.nio.charset.StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(new String(b, start, p - start, java.nio.charset.StandardCharsets.UTF_8));
        while (true) {
            if (p >= b.length) {
                throw new Malformed("unterminated string", p);
            }
            int c = b[p] & 0xFF;
            if (c == '"') {
                p++;
                return sb.toString();
            }
            if (c == '\\') {
                sb.append((char) escape());
            } else {
                int runStart = p;
                while (p < b.length && b[p] != '"' && b[p] != '\\') {
                    p++;
                }
                sb.append(new String(b, runStart, p - runStart, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    /** One escape sequence at p (the backslash), as a UTF-16 unit. */
    private int escape() throws Malformed {
        p++;
        if (p >= b.length) {
            throw new Malformed("unterminated escape", p);
        }
        int c = b[p++];
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (p + 4 > b.length) {
                    throw new Malformed("short \\u escape", p);
                }
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(b[p++], 16);
                    if (d < 0) {
                        throw new Malformed("bad \\u escape", p);
                    }
                    v = v * 16 + d;
                }
                yield v;
            }
            default -> throw new Malformed("bad escape", p);
        };
    }

    /**
     * A string of byte-level characters, decoded into the raw bytes they stand for, written to
     * {@code out} from 0; returns the length, or -1 when the string holds a character outside the
     * byte-level alphabet (it is consumed all the same). With {@code space} true, a raw space ends
     * the first part instead: its position is returned through {@code split[0]} (merges written
     * as {@code "a b"}); a second space makes the string not byte-level.
     */
    int byteLevel(byte[] out, boolean space, int[] split) throws Malformed {
        expect('"');
        int n = 0;
        boolean ok = true;
        if (split != null) {
            split[0] = -1;
        }
        while (true) {
            if (p >= b.length) {
                throw new Malformed("unterminated string", p);
            }
            int c = b[p] & 0xFF;
            int cp;
            if (c == '"') {
                p++;
                return ok ? n : -1;
            }
            if (c < 0x80) {
                p++;
                cp = c == '\\' ? escapeCodePoint() : c;
            } else if (c < 0xE0) {
                if (p + 1 >= b.length) {
                    throw new Malformed("truncated UTF-8", p);
                }
                cp = ((c & 0x1F) << 6) | (b[p + 1] & 0x3F);
                p += 2;
            } else {
                // three- and four-byte characters are never byte-level: skip them whole
                p += c < 0xF0 ? 3 : 4;
                ok = false;
                continue;
            }
            if (space && cp == ' ' && split != null && split[0] < 0) {
                split[0] = n;
                continue;
            }
            int v = ByteLevelAlphabet.byteOf(cp);
            if (v < 0 || n == out.length) {
                ok = false;
            } else {
                out[n++] = (byte) v;
            }
        }
    }

    /** An escape inside a byte-level string (p is past the backslash), as a code point. */
    private int escapeCodePoint() throws Malformed {
        p--;
        int unit = escape();
        if (Character.isHighSurrogate((char) unit) && p + 1 < b.length && b[p] == '\\' && b[p + 1] == 'u') {
            int save = p;
            int low = escape();
            if (Character.isLowSurrogate((char) low)) {
                return Character.toCodePoint((char) unit, (char) low);
            }
            p = save;
        }
        return unit;
    }
}
