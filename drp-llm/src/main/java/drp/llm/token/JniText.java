package drp.llm.token;

import java.nio.charset.StandardCharsets;

/**
 * The text that DJL's JNI binding hands the Rust library for a Java string, so that the fast
 * counter counts what the reference counts. For any string without lone surrogates that is the
 * string itself. With one, the binding's modified-UTF-8 bytes are not valid UTF-8 and the Rust
 * side decodes all of them lossily: each invalid sequence (the lone surrogate, but also every
 * surrogate pair and NUL of the same string) becomes U+FFFD, one per maximal invalid subpart
 * as Rust's {@code String::from_utf8_lossy} cuts them: three for an encoded surrogate (its lead
 * byte 0xED only takes 0x80-0x9F after it). Java's own UTF-8 decoder cuts differently (one per
 * surrogate), so the decoding is written out here.
 */
final class JniText {

    private JniText() {}

    static String asRustSeesIt(String s) {
        if (!hasLoneSurrogate(s)) {
            return s;
        }
        byte[] modified = new byte[s.length() * 3];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != 0 && c < 0x80) {
                modified[n++] = (byte) c;
            } else if (c < 0x800) {
                modified[n++] = (byte) (0xC0 | (c >> 6));
                modified[n++] = (byte) (0x80 | (c & 0x3F));
            } else {
                modified[n++] = (byte) (0xE0 | (c >> 12));
                modified[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                modified[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return lossy(modified, n);
    }

    /** Rust's {@code from_utf8_lossy} of {@code b[0, n)}. */
    static String lossy(byte[] b, int n) {
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            int lead = b[i] & 0xFF;
            if (lead < 0x80) {
                out.append((char) lead);
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                need = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                need = 2;
                lo = lead == 0xE0 ? 0xA0 : 0x80;
                hi = lead == 0xED ? 0x9F : 0xBF;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                need = 3;
                lo = lead == 0xF0 ? 0x90 : 0x80;
                hi = lead == 0xF4 ? 0x8F : 0xBF;
            } else {
                out.append('\uFFFD');
                i++;
                continue;
            }
            int j = i + 1;
            boolean ok = true;
            for (int k = 0; k < need; k++, j++) {
                int c = j < n ? b[j] & 0xFF : -1;
                int min = k == 0 ? lo : 0x80;
                int max = k == 0 ? hi : 0xBF;
                if (c < min || c > max) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                out.append(new String(b, i, j - i, StandardCharsets.UTF_8));
            } else {
                out.append('\uFFFD');
            }
            i = j;
        }
        return out.toString();
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }
}
