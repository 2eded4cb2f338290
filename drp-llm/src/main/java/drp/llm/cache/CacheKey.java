package drp.llm.cache;

import drp.core.chat.ChatRequest;
import drp.core.chat.ModelId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The address of a call in the cache: SHA-256 of its canonical JSON (endpoint identity, model and
 * request; see {@link ChatCodec#canonicalRequest}). An API key is never part of it: the same call
 * with another key is the same call.
 */
public record CacheKey(String sha256) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public CacheKey {
        if (sha256 == null || !HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("a cache key is 64 lower-case hex digits, got " + sha256);
        }
    }

    public static CacheKey of(ModelId id, ChatRequest request) {
        return ofCanonical(ChatCodec.canonicalRequest(id, request));
    }

    /** The key of a scoring call. */
    public static CacheKey of(ModelId id, drp.core.chat.ScoreRequest request) {
        return ofCanonical(ChatCodec.canonicalScore(id, request));
    }

    static CacheKey ofCanonical(String canonicalJson) {
        return new CacheKey(sha256(canonicalJson));
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return sha256.substring(0, 12);
    }
}
