package drp.llm.token;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact token counts for byte-level BPE tokenizers of the Qwen2 / Llama-3 family, in pure Java:
 * the same counts as the HuggingFace {@code tokenizers} library (which the tests hold it to, text
 * by text), without its native library or its JSON parse at load, and without building token
 * strings or offsets while counting.
 *
 * <p>The pipeline is the library's: added and special tokens split out first (those matched on
 * the raw text, then, after normalization, those matched on the normalized text), NFC where the
 * tokenizer normalizes, the pre-tokenizer's regex split ({@link SplitScanner}), each piece's
 * UTF-8 bytes merged by {@link BpeMerges}. Pieces repeat, so each thread keeps a small cache of
 * piece counts.
 *
 * <p>Thread-safe: the model is immutable and each thread has its own working state.
 * {@link #countAll} spreads the texts over a pool of one thread per core; {@link #count} runs on
 * the caller's thread. Obtain instances from {@link TokenizerLoader#load(java.nio.file.Path)}.
 */
public final class ByteLevelBpeCounter implements ExactTokenCounter {

    private final String name;
    private final boolean nfc;
    private final boolean ignoreMerges;
    private final int[] byteIds;
    private final BpeMerges merges;
    private final ByteVocab vocab;
    private final SplitScanner scanner;
    /** Tokens matched in the raw text, and those matched in the normalized text; null when none. */
    private final AddedTokenSplitter rawTokens;
    private final AddedTokenSplitter normalizedTokens;
    /* an anonymous class rather than withInitial(Worker::new): no lambda bootstrap on the load path */
    private final ThreadLocal<Worker> workers = new ThreadLocal<>() {
        @Override
        protected Worker initialValue() {
            return new Worker();
        }
    };
    private final Object poolLock = new Object();
    private ExecutorService pool;
    private volatile boolean closed;

    ByteLevelBpeCounter(String name, ByteLevelBpeSpec spec) {
        this.name = name;
        this.nfc = spec.nfc();
        this.ignoreMerges = spec.ignoreMerges();
        this.byteIds = spec.byteIds().clone();
        this.merges = spec.merges();
        this.vocab = spec.vocab();
        this.scanner = new SplitScanner(spec.pattern());
        List<AddedToken> raw = new ArrayList<>();
        List<String> rawPatterns = new ArrayList<>();
        List<AddedToken> normalized = new ArrayList<>();
        List<String> normalizedPatterns = new ArrayList<>();
        for (AddedToken token : spec.added()) {
            if (token.normalized()) {
                normalized.add(token);
                normalizedPatterns.add(nfc ? Normalizer.normalize(token.content(), Normalizer.Form.NFC) : token.content());
            } else {
                raw.add(token);
                rawPatterns.add(token.content());
            }
        }
        this.rawTokens = raw.isEmpty() ? null : new AddedTokenSplitter(raw, rawPatterns);
        this.normalizedTokens = normalized.isEmpty() ? null : new AddedTokenSplitter(normalized, normalizedPatterns);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int count(String text) {
        Objects.requireNonNull(text, "text");
        if (closed) {
            throw new IllegalStateException("tokenizer " + name + " is closed");
        }
        return workers.get().count(JniText.asRustSeesIt(text));
    }

    /**
     * Counts all texts, spread over one thread per core (the caller's among them); the result is in
     * input order. The texts are handed out one at a time, longest first, so no thread is left
     * with a long text at the end.
     */
    @Override
    public int[] countAll(List<String> texts) {
        int n = texts.size();
        int[] counts = new int[n];
        for (String text : texts) {
            Objects.requireNonNull(text, "texts contains null (no text to count)");
        }
        int threads = Math.min(n, Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            for (int i = 0; i < n; i++) {
                counts[i] = count(texts.get(i));
            }
            return counts;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(texts.get(b).length(), texts.get(a).length()));
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
                int i = order[k];
                counts[i] = count(texts.get(i));
            }
        };
        List<Future<?>> helpers = new ArrayList<>(threads - 1);
        ExecutorService executor = pool(threads - 1);
        for (int t = 1; t < threads; t++) {
            helpers.add(executor.submit(drain));
        }
        drain.run();
        for (Future<?> helper : helpers) {
            try {
                helper.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while counting", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return counts;
    }

    /** The helper threads, made on first use: daemons, so that an unclosed counter never holds the JVM open. */
    private ExecutorService pool(int size) {
        synchronized (poolLock) {
            if (closed) {
                throw new IllegalStateException("tokenizer " + name + " is closed");
            }
            if (pool == null) {
                AtomicInteger number = new AtomicInteger();
                ThreadFactory factory = r -> {
                    Thread t = new Thread(r, "drp-token-count-" + number.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                };
                pool = Executors.newFixedThreadPool(Math.max(1, size), factory);
            }
            return pool;
        }
    }

    @Override
    public void close() {
        synchronized (poolLock) {
            closed = true;
            if (pool != null) {
                pool.shutdown();
                pool = null;
            }
        }
    }

    @Override
    public String toString() {
        return "ByteLevelBpeCounter[" + name + "]";
    }

    /** One thread's working state: scratch arrays and its piece cache. */
    private final class Worker implements AddedTokenSplitter.Stretch {
        private final PieceCountCache cache = new PieceCountCache();
        private final BpeMerges.Scratch scratch = new BpeMerges.Scratch();
        private final AddedTokenSplitter.Stretch pieces = new AddedTokenSplitter.Stretch() {
            @Override
            public int count(String s, int from, int to) {
                return countPieces(s, from, to);
            }
        };
        private byte[] bytes = new byte[256];
        private int[] ids = new int[256];

        int count(String text) {
            if (rawTokens != null) {
                return rawTokens.count(text, 0, text.length(), this);
            }
            return normalizeAndCount(text, 0, text.length());
        }

        /** A stretch between raw-matched added tokens: normalized, then split on the normalized ones. */
        @Override
        public int count(String s, int from, int to) {
            return normalizeAndCount(s, from, to);
        }

        private int normalizeAndCount(String s, int from, int to) {
            if (nfc && mayChangeUnderNfc(s, from, to)) {
                s = Normalizer.normalize(s.substring(from, to), Normalizer.Form.NFC);
                from = 0;
                to = s.length();
            }
            if (normalizedTokens != null) {
                return normalizedTokens.count(s, from, to, pieces);
            }
            return countPieces(s, from, to);
        }

        private int countPieces(String s, int from, int to) {
            int total = 0;
            for (int i = from; i < to; ) {
                int end = scanner.pieceEnd(s, i, to);
                total += countPiece(s, i, end);
                i = end;
            }
            return total;
        }

        private int countPiece(String s, int from, int to) {
            int slot = -1;
            if (to - from <= PieceCountCache.MAX_LENGTH) {
                slot = PieceCountCache.slot(s, from, to);
                int cached = cache.get(slot, s, from, to);
                if (cached >= 0) {
                    return cached;
                }
            }
            int n = utf8(s, from, to);
            int result;
            if (ignoreMerges && vocab.get(bytes, 0, n) >= 0) {
                result = 1;
            } else {
                if (ids.length < n) {
                    ids = new int[Math.max(n, ids.length * 2)];
                }
                for (int i = 0; i < n; i++) {
                    ids[i] = byteIds[bytes[i] & 0xFF];
                }
                result = merges.count(ids, n, scratch);
            }
            if (slot >= 0) {
                cache.put(slot, s, from, to, result);
            }
            return result;
        }

        /** Encodes {@code s[from, to)} (no lone surrogates: see JniText) as UTF-8 into {@code bytes}. */
        private int utf8(String s, int from, int to) {
            int max = (to - from) * 3;
            if (bytes.length < max) {
                bytes = new byte[Math.max(max, bytes.length * 2)];
            }
            byte[] b = bytes;
            int n = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    b[n++] = (byte) c;
                } else if (c < 0x800) {
                    b[n++] = (byte) (0xC0 | (c >> 6));
                    b[n++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[n++] = (byte) (0xF0 | (cp >> 18));
                    b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[n++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    b[n++] = (byte) (0xE0 | (c >> 12));
                    b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[n++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            return n;
        }
    }

    /**
     * False when NFC certainly leaves {@code s[from, to)} as it is: every character below U+0300,
     * where no character decomposes or combines with the one before. Otherwise the JDK's
     * normalizer decides (it checks quickly before it copies).
     */
    static boolean mayChangeUnderNfc(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) >= 0x300) {
                return !Normalizer.isNormalized(s.subSequence(from, to), Normalizer.Form.NFC);
            }
        }
        return false;
    }
}
