package drp.llm.token;

/**
 * A BPE model's merges as an open-addressing table from a pair of token ids to the merge's rank
 * and the id of the merged token, in primitive arrays (no boxing: some 150,000 merges), and the
 * merge loop that counts the tokens of one word.
 *
 * <p>The loop reproduces HuggingFace's {@code Word::merge_all}: repeatedly merge the adjacent
 * pair with the lowest rank, the leftmost of equal ones, until no pair has a merge. Short words
 * (almost all) use a plain scan over a compacted array; long ones (a run of CJK letters, a long
 * number in Llama-3 digits...) a binary heap, as the Rust code does, so that a 10,000-byte word is
 * not quadratic.
 */
final class BpeMerges {

    /** Words up to this many bytes take the scan; longer ones the heap. */
    static final int SCAN_LIMIT = 48;

    private static final long EMPTY = -1L;

    private final long[] keys;
    private final int[] ranks;
    private final int[] merged;
    private final int mask;
    private final int size;

    private BpeMerges(long[] keys, int[] ranks, int[] merged, int size) {
        this.keys = keys;
        this.ranks = ranks;
        this.merged = merged;
        this.mask = keys.length - 1;
        this.size = size;
    }

    /**
     * The table for merges given in rank order: merge {@code k} joins {@code left[k]} and
     * {@code right[k]} into {@code mergedIds[k]}. A pair listed twice keeps its last rank and
     * result, as the Rust library's map does.
     */
    static BpeMerges build(int[] left, int[] right, int[] mergedIds, int count) {
        // a power of two at most 60% full: short probe runs
        int capacity = Integer.highestOneBit(Math.max(4, (int) (count / 0.6)));
        if (capacity < count / 0.6) {
            capacity <<= 1;
        }
        long[] keys = new long[capacity];
        int[] ranks = new int[capacity];
        int[] merged = new int[capacity];
        java.util.Arrays.fill(keys, EMPTY);
        BpeMerges table = new BpeMerges(keys, ranks, merged, 0);
        int n = 0;
        for (int k = 0; k < count; k++) {
            long key = key(left[k], right[k]);
            int slot = table.slot(key);
            while (keys[slot] != EMPTY && keys[slot] != key) {
                slot = (slot + 1) & table.mask;
            }
            if (keys[slot] == EMPTY) {
                n++;
            }
            keys[slot] = key;
            ranks[slot] = k;
            merged[slot] = mergedIds[k];
        }
        return new BpeMerges(keys, ranks, merged, n);
    }

    /**
     * A table as {@link #keys()}, {@link #ranks()} and {@link #merged()} gave it: what the binary
     * cache stores, so that a warm load copies three arrays instead of hashing 150,000 pairs.
     */
    static BpeMerges ofTable(long[] keys, int[] ranks, int[] merged, int size) {
        if (Integer.bitCount(keys.length) != 1 || ranks.length != keys.length || merged.length != keys.length) {
            throw new IllegalArgumentException("not a merge table");
        }
        return new BpeMerges(keys, ranks, merged, size);
    }

    long[] keys() {
        return keys;
    }

    int[] ranks() {
        return ranks;
    }

    int[] merged() {
        return merged;
    }

    /** How many distinct pairs have a merge. */
    int size() {
        return size;
    }

    /** The rank of the pair's merge, or -1 when the pair has none. */
    int rankOf(int left, int right) {
        int slot = find(left, right);
        return slot < 0 ? -1 : ranks[slot];
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** The table slot of the pair's merge, or -1 when the pair has none. */
    private int find(int left, int right) {
        long key = key(left, right);
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return slot;
            }
            if (k == EMPTY) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The number of tokens the word of {@code ids[0, n)} (its initial one-byte tokens) merges
     * into. {@code ids} is scratch: it is overwritten.
     */
    int count(int[] ids, int n, Scratch scratch) {
        if (n <= 1) {
            return n;
        }
        return n <= SCAN_LIMIT ? countByScan(ids, n, scratch) : countByHeap(ids, n, scratch);
    }

    /** Lowest rank first, leftmost of equal ranks, over a compacted array. */
    int countByScan(int[] ids, int n, Scratch scratch) {
        int[] rank = scratch.ranks(n);
        int[] into = scratch.merged(n);
        for (int i = 0; i + 1 < n; i++) {
            pair(ids, i, rank, into);
        }
        while (n > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < n; i++) {
                if (rank[i] < bestRank) {
                    bestRank = rank[i];
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            ids[best] = into[best];
            int tail = n - best - 2;
            System.arraycopy(ids, best + 2, ids, best + 1, tail);
            System.arraycopy(rank, best + 2, rank, best + 1, tail);
            System.arraycopy(into, best + 2, into, best + 1, tail);
            n--;
            if (best > 0) {
                pair(ids, best - 1, rank, into);
            }
            if (best + 1 < n) {
                pair(ids, best, rank, into);
            }
        }
        return n;
    }

    private void pair(int[] ids, int i, int[] rank, int[] into) {
        int slot = find(ids[i], ids[i + 1]);
        if (slot < 0) {
            rank[i] = Integer.MAX_VALUE;
        } else {
            rank[i] = ranks[slot];
            into[i] = merged[slot];
        }
    }

    /**
     * HuggingFace's algorithm itself: a heap of (rank, position, merged id) over a linked list of
     * symbols; an entry whose pair has changed since it was pushed is dropped when it comes up.
     */
    int countByHeap(int[] ids, int n, Scratch scratch) {
        int[] prev = scratch.prev(n);
        int[] next = scratch.next(n);
        boolean[] gone = scratch.gone(n);
        Heap heap = scratch.heap(n);
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
            gone[i] = false;
        }
        for (int i = 0; i + 1 < n; i++) {
            int slot = find(ids[i], ids[i + 1]);
            if (slot >= 0) {
                heap.push(ranks[slot], i, merged[slot]);
            }
        }
        int count = n;
        while (!heap.isEmpty()) {
            long top = heap.peekKey();
            int into = heap.peekValue();
            heap.pop();
            int pos = (int) top;
            if (gone[pos] || next[pos] < 0) {
                continue;
            }
            int right = next[pos];
            int slot = find(ids[pos], ids[right]);
            if (slot < 0 || merged[slot] != into) {
                continue;
            }
            ids[pos] = into;
            gone[right] = true;
            count--;
            next[pos] = next[right];
            if (next[pos] >= 0) {
                prev[next[pos]] = pos;
            }
            if (prev[pos] >= 0) {
                int s = find(ids[prev[pos]], ids[pos]);
                if (s >= 0) {
                    heap.push(ranks[s], prev[pos], merged[s]);
                }
            }
            if (next[pos] >= 0) {
                int s = find(ids[pos], ids[next[pos]]);
                if (s >= 0) {
                    heap.push(ranks[s], pos, merged[s]);
                }
            }
        }
        return count;
    }

    /** Per-thread working arrays, grown as needed. */
    static final class Scratch {
        private int[] ranks = new int[64];
        private int[] merged = new int[64];
        private int[] prev = new int[0];
        private int[] next = new int[0];
        private boolean[] gone = new boolean[0];
        private final Heap heap = new Heap();

        int[] ranks(int n) {
            if (ranks.length < n) {
                ranks = new int[n];
            }
            return ranks;
        }

        int[] merged(int n) {
            if (merged.length < n) {
                merged = new int[n];
            }
            return merged;
        }

        int[] prev(int n) {
            if (prev.length < n) {
                prev = new int[n];
            }
            return prev;
        }

        int[] next(int n) {
            if (next.length < n) {
                next = new int[n];
            }
            return next;
        }

        boolean[] gone(int n) {
            if (gone.length < n) {
                gone = new boolean[n];
            }
            return gone;
        }

        Heap heap(int n) {
            heap.clear(n);
            return heap;
        }
    }

    /** A binary min-heap of (rank, position) keys with a merged id each. */
    static final class Heap {
        private long[] keys = new long[0];
        private int[] values = new int[0];
        private int size;

        void clear(int expected) {
            size = 0;
            if (keys.length < expected) {
                keys = new long[expected];
                values = new int[expected];
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        long peekKey() {
            return keys[0];
        }

        int peekValue() {
            return values[0];
        }

        void push(int rank, int pos, int value) {
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, Math.max(16, size * 2));
                values = java.util.Arrays.copyOf(values, keys.length);
            }
            long key = ((long) rank << 32) | pos;
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (keys[parent] <= key) {
                    break;
                }
                keys[i] = keys[parent];
                values[i] = values[parent];
                i = parent;
            }
            keys[i] = key;
            values[i] = value;
        }

        void pop() {
            long key = keys[--size];
            int value = values[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= key) {
                    break;
                }
                keys[i] = keys[child];
                values[i] = values[child];
                i = child;
            }
            keys[i] = key;
            values[i] = value;
        }
    }
}
