package drp.llm.token;

import java.util.Arrays;

/**
 * A byte-level BPE vocabulary as raw bytes: token byte string -> id, in one byte pool and an
 * open-addressing table (no String or boxed Integer per token). Used to resolve the merges while
 * loading, and, for a model with {@code ignore_merges}, to find whole words while counting.
 */
final class ByteVocab {

    private byte[] pool = new byte[1 << 21];
    private int poolSize;
    /* sized for a 150,000-token vocabulary, so that loading one never rehashes */
    private int[] starts = new int[1 << 18];
    private int[] lengths = new int[1 << 18];
    private int[] ids = new int[1 << 18];
    /** each entry's full hash: compared before the bytes, so a probe past another entry costs one int */
    private int[] hashes = new int[1 << 18];
    private int count;
    /** slot -> entry index + 1 (0 = empty) */
    private int[] table = new int[1 << 19];

    /** Adds (or, for a string already present, re-maps as a later JSON key would) {@code bytes[from, to)}. */
    void put(byte[] bytes, int from, int to, int id) {
        int hash = hash(bytes, from, to);
        int slot = hash & (table.length - 1);
        while (table[slot] != 0) {
            int e = table[slot] - 1;
            if (hashes[e] == hash && equalsEntry(e, bytes, from, to)) {
                ids[e] = id;
                return;
            }
            slot = (slot + 1) & (table.length - 1);
        }
        int length = to - from;
        if (poolSize + length > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + length));
        }
        System.arraycopy(bytes, from, pool, poolSize, length);
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
            ids = Arrays.copyOf(ids, count * 2);
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        hashes[count] = hash;
        starts[count] = poolSize;
        lengths[count] = length;
        ids[count] = id;
        poolSize += length;
        table[slot] = ++count;
        if (count * 2 > table.length) {
            rehash();
        }
    }

    /** The id of {@code bytes[from, to)}, or -1. */
    int get(byte[] bytes, int from, int to) {
        int hash = hash(bytes, from, to);
        int slot = hash & (table.length - 1);
        while (table[slot] != 0) {
            int e = table[slot] - 1;
            if (hashes[e] == hash && equalsEntry(e, bytes, from, to)) {
                return ids[e];
            }
            slot = (slot + 1) & (table.length - 1);
        }
        return -1;
    }

    /** The number of distinct byte strings. */
    int size() {
        return count;
    }

    /** Entry {@code i}'s bytes, id: for writing the cache. */
    int entryId(int i) {
        return ids[i];
    }

    byte[] entryBytes(int i) {
        return Arrays.copyOfRange(pool, starts[i], starts[i] + lengths[i]);
    }

    private boolean equalsEntry(int e, byte[] bytes, int from, int to) {
        int length = lengths[e];
        if (length != to - from) {
            return false;
        }
        // tokens are a few bytes long: a plain loop beats Arrays.equals' set-up
        int start = starts[e];
        for (int i = 0; i < length; i++) {
            if (pool[start + i] != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        int[] bigger = new int[table.length * 2];
        int m = bigger.length - 1;
        for (int e = 0; e < count; e++) {
            int slot = hashes[e] & m;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & m;
            }
            bigger[slot] = e + 1;
        }
        table = bigger;
    }

    /** FNV-1a, then murmur3's finalizer: FNV alone leaves the low bits of short strings clustered. */
    private static int hash(byte[] bytes, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }
}
