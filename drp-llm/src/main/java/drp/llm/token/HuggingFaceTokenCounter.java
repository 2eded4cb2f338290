package drp.llm.token;

import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Exact token counts from the HuggingFace {@code tokenizers} library (the Rust pipeline that
 * {@code transformers}' fast tokenizers run), through DJL's JNI binding. No special tokens are
 * added, and truncation and padding are off: a 30,000-token trace counts as 30,000.
 *
 * <p>Thread-safe: the native tokenizer is immutable once built and is shared by concurrent
 * calls. {@link #countAll} encodes the batch in parallel on the native side. {@link #close()}
 * frees the native tokenizer; call it only when no count is in flight. Obtain instances from
 * {@link TokenizerLoader#load(Path)}.
 */
public final class HuggingFaceTokenCounter implements ExactTokenCounter {

    /**
     * Characters per native batch in {@link #countAll}: some million tokens of English or LaTeX
     * (a few hundred MB of encodings at most). One batch keeps every core busy to its end; the
     * 153 real traces (1.06 million characters) were two batches at 2^20 and counted 10% slower.
     */
    static final int BATCH_CHARS = 1 << 22;

    private final String name;
    /** The native tokenizer (0 once closed). */
    private volatile long handle;

    private HuggingFaceTokenCounter(String name, long handle) {
        this.name = name;
        this.handle = handle;
    }

    /**
     * Builds a counter from the text of a {@code tokenizer.json}. The native tokenizer is created
     * straight through DJL's JNI library (not its {@code HuggingFaceTokenizer} wrapper, whose
     * defaults truncate at 512 tokens and pad batches), with truncation and padding turned off:
     * special tokens (BOS...) are never added, and nothing is cut.
     *
     * @param source where the JSON came from, for error messages
     * @throws TokenizerLoadException when the native tokenizer rejects the JSON
     */
    static HuggingFaceTokenCounter fromJson(String name, String tokenizerJson, Path source) {
        try {
            DjlRuntime.prepare();
            long handle = TokenizersLibrary.LIB.createTokenizerFromString(tokenizerJson);
            TokenizersLibrary.LIB.disableTruncation(handle);
            TokenizersLibrary.LIB.disablePadding(handle);
            return new HuggingFaceTokenCounter(name, handle);
        } catch (RuntimeException e) {
            throw DjlRuntime.loadFailure(source, e);
        } catch (LinkageError e) {
            throw DjlRuntime.nativeLibraryFailure(e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int count(String text) {
        return nativeIds(text).length;
    }

    /**
     * Counts all texts in native batches that the Rust side encodes in parallel; the result is in
     * input order. Batches hold about {@value #BATCH_CHARS} characters, so that a large input
     * never holds all its encodings (ids, offsets, token strings) in memory at once.
     */
    @Override
    public int[] countAll(List<String> texts) {
        return countAll(texts, BATCH_CHARS);
    }

    int[] countAll(List<String> texts, int batchChars) {
        int[] counts = new int[texts.size()];
        int start = 0;
        while (start < counts.length) {
            int end = start;
            long characters = 0;
            while (end < counts.length && (end == start || characters < batchChars)) {
                String text = Objects.requireNonNull(texts.get(end), "texts contains null (no text to count)");
                characters += text.length();
                end++;
            }
            countBatch(texts.subList(start, end), counts, start);
            start = end;
        }
        return counts;
    }

    private void countBatch(List<String> batch, int[] counts, int offset) {
        long[] encodings = TokenizersLibrary.LIB.batchEncode(handle(), batch.toArray(String[]::new), false);
        try {
            for (int i = 0; i < encodings.length; i++) {
                counts[offset + i] = TokenizersLibrary.LIB.getTokenIds(encodings[i]).length;
            }
        } finally {
            for (long encoding : encodings) {
                TokenizersLibrary.LIB.deleteEncoding(encoding);
            }
        }
    }

    /** The token ids of {@code text}, with no special tokens added; {@code count(text)} is its length. */
    public int[] encode(String text) {
        long[] ids = nativeIds(text);
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = Math.toIntExact(ids[i]);
        }
        return result;
    }

    /*
     * Straight to the JNI calls rather than HuggingFaceTokenizer.encode(), which also copies
     * tokens, offsets, masks and word ids back into Java: counting needs the ids only.
     */
    private long[] nativeIds(String text) {
        Objects.requireNonNull(text, "text");
        long encoding = TokenizersLibrary.LIB.encode(handle(), text, false);
        try {
            return TokenizersLibrary.LIB.getTokenIds(encoding);
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    /** The text of {@code ids}, special tokens included. */
    public String decode(int[] ids) {
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wide[i] = ids[i];
        }
        return TokenizersLibrary.LIB.decode(handle(), wide, false);
    }

    private long handle() {
        long h = handle;
        if (h == 0) {
            throw new IllegalStateException("tokenizer " + name + " is closed");
        }
        return h;
    }

    /** Frees the native tokenizer. Idempotent; counting afterwards throws IllegalStateException. */
    @Override
    public void close() {
        long h;
        synchronized (this) {
            h = handle;
            handle = 0;
        }
        if (h != 0) {
            TokenizersLibrary.LIB.deleteTokenizer(h);
        }
    }

    @Override
    public String toString() {
        return "HuggingFaceTokenCounter[" + name + "]";
    }
}
