package drp.core.random;

import java.nio.charset.StandardCharsets;

/**
 * The one seed-mixing function of drp: SplitMix64's finalizer (Steele, Lea, Flood 2014), the
 * generator {@link java.util.SplittableRandom} itself is built on. Every place that derives a seed
 * from other seeds (a sample's seed from the run's seed, a sequence's generator from a request's
 * seed, a problem draw from the world's seed) goes through {@link #seed}, so that two derivations
 * with different inputs never share a stream by accident.
 */
public final class SplitMix64 {

    /** The golden-ratio increment of SplitMix64. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {}

    /** The finalizer: a bijection of 64-bit values that spreads every input bit over the output. */
    public static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /**
     * A well-mixed seed derived from {@code parts} in order: each part is added to the running
     * state and the state mixed, as SplitMix64 steps its state. Different lists (also lists that
     * differ only in order) give unrelated seeds.
     */
    public static long seed(long... parts) {
        long state = 0;
        for (long part : parts) {
            state = mix(state + GAMMA + part);
        }
        return state;
    }

    /** A stable 64-bit hash of a text (FNV-1a over its UTF-8 bytes, then mixed), for ids inside seeds. */
    public static long hash(String text) {
        long h = 0xCBF29CE484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return mix(h);
    }
}
