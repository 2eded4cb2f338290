package drp.llm.token;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A compact binary copy of a {@link ByteLevelBpeSpec}, so that a second load skips the JSON: one
 * file per tokenizer.json path under {@code ${XDG_CACHE_HOME:-~/.cache}/drp/tokenizers/} (system
 * property {@code drp.tokenizer.cache} moves it; {@code off} turns it off).
 *
 * <p>Never stale: the file records the tokenizer.json's absolute path, size, modification time
 * and a CRC-32C of its whole content, and is used only when all four match the file as it is now
 * (the content is read and checked on every load: a few milliseconds for 11 MB). A file that is
 * truncated, corrupt (its own CRC-32C) or of another format version is ignored and rewritten.
 * Written to a temporary file and moved into place, so a reader never sees half a file.
 */
final class ByteLevelBpeCache {

    private static final long MAGIC = 0x4452505F42504531L; // "DRP_BPE1"
    /** Bump when the layout or the meaning of a field changes. */
    private static final int FORMAT = 2;

    private final Path dir;

    private ByteLevelBpeCache(Path dir) {
        this.dir = dir;
    }

    /** The cache in its configured directory, or null when caching is off. */
    static ByteLevelBpeCache configured() {
        String setting = System.getProperty("drp.tokenizer.cache");
        if (setting != null && !setting.isBlank()) {
            return setting.equals("off") ? null : new ByteLevelBpeCache(Path.of(setting));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new ByteLevelBpeCache(base.resolve("drp").resolve("tokenizers"));
    }

    /** The cache in {@code dir} (tests, the benchmark). */
    static ByteLevelBpeCache in(Path dir) {
        return new ByteLevelBpeCache(dir);
    }

    /** What identifies the tokenizer.json's current content. */
    record Source(String path, long size, long modified, long crc) {

        /**
         * The file as read into {@code content}. (The checksum runs over a heap array: CRC32C on
         * a memory map is a plain Java loop until the JIT compiles it, 0.1-1 s for 11 MB cold.)
         */
        static Source of(Path file, byte[] content) throws IOException {
            CRC32C crc = new CRC32C();
            crc.update(content, 0, content.length);
            return new Source(file.toAbsolutePath().normalize().toString(), content.length,
                    Files.getLastModifiedTime(file).toMillis(), crc.getValue());
        }
    }

    /**
     * The cache file for a tokenizer.json path: a 64-bit FNV-1a hash of the path names it (not
     * SHA-256, whose provider takes tens of milliseconds to start in a fresh JVM); two paths
     * that collide only take turns in one file, since the path inside is checked.
     */
    Path fileFor(Source source) {
        long h = 0xCBF29CE484222325L;
        for (byte b : source.path().getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        String hex = Long.toHexString(h);
        return dir.resolve("0".repeat(16 - hex.length()) + hex + ".bpe");
    }

    /** The cached spec for {@code source}, or null when there is none that matches. */
    ByteLevelBpeSpec read(Source source) {
        Path file = fileFor(source);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
        try {
            return decode(ByteBuffer.wrap(bytes), source);
        } catch (RuntimeException e) {
            // truncated or corrupt: ignored, and rewritten by the caller
            return null;
        }
    }

    /** Writes {@code spec} for {@code source}; failures only cost the next load its speed. */
    void write(Source source, ByteLevelBpeSpec spec) {
        Path file = fileFor(source);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            deleteAbandonedTemporaries();
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, encode(source, spec));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            System.getLogger(ByteLevelBpeCache.class.getName()).log(System.Logger.Level.DEBUG,
                    "cannot write the tokenizer cache " + file + ": " + e);
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    /** Temporary files a killed JVM left behind (over an hour old: no write takes that long). */
    private void deleteAbandonedTemporaries() throws IOException {
        long cutoff = System.currentTimeMillis() - 3_600_000L;
        try (var files = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path f : files) {
                try {
                    if (Files.getLastModifiedTime(f).toMillis() < cutoff) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    // another process's file, or gone already
                }
            }
        }
    }

    static byte[] encode(Source source, ByteLevelBpeSpec spec) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * spec.merges().keys().length + 4096);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(source.path());
        out.writeLong(source.size());
        out.writeLong(source.modified());
        out.writeLong(source.crc());
        out.writeByte(spec.pattern().ordinal());
        out.writeBoolean(spec.nfc());
        out.writeBoolean(spec.ignoreMerges());
        for (int id : spec.byteIds()) {
            out.writeInt(id);
        }
        BpeMerges merges = spec.merges();
        out.writeInt(merges.keys().length);
        out.writeInt(merges.size());
        ByteBuffer keys = ByteBuffer.allocate(merges.keys().length * 8);
        keys.asLongBuffer().put(merges.keys());
        out.write(keys.array());
        writeInts(out, merges.ranks());
        writeInts(out, merges.merged());
        out.writeInt(spec.added().size());
        for (AddedToken t : spec.added()) {
            byte[] content = t.content().getBytes(StandardCharsets.UTF_8);
            out.writeInt(content.length);
            out.write(content);
            out.writeByte((t.special() ? 1 : 0) | (t.lstrip() ? 2 : 0) | (t.rstrip() ? 4 : 0)
                    | (t.normalized() ? 8 : 0) | (t.singleWord() ? 16 : 0));
        }
        ByteVocab vocab = spec.vocab();
        out.writeInt(vocab == null ? -1 : vocab.size());
        if (vocab != null) {
            for (int i = 0; i < vocab.size(); i++) {
                byte[] token = vocab.entryBytes(i);
                out.writeInt(vocab.entryId(i));
                out.writeInt(token.length);
                out.write(token);
            }
        }
        out.flush();
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        return bytes.toByteArray();
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        buffer.asIntBuffer().put(values);
        out.write(buffer.array());
    }

    /** The spec, or null when the header does not match {@code source}; throws when corrupt. */
    static ByteLevelBpeSpec decode(ByteBuffer in, Source source) {
        int total = in.limit();
        CRC32C crc = new CRC32C();
        crc.update(in.array(), 0, total - 8);
        if (crc.getValue() != in.getLong(total - 8)) {
            return null;
        }
        if (in.getLong() != MAGIC || in.getInt() != FORMAT) {
            return null;
        }
        byte[] path = new byte[in.getShort() & 0xFFFF];
        in.get(path);
        // writeUTF is modified UTF-8; plain paths match byte for byte, others only miss the cache
        if (!new String(path, StandardCharsets.UTF_8).equals(source.path()) || in.getLong() != source.size()
                || in.getLong() != source.modified() || in.getLong() != source.crc()) {
            return null;
        }
        SplitPattern pattern = SplitPattern.values()[in.get()];
        boolean nfc = in.get() != 0;
        boolean ignoreMerges = in.get() != 0;
        int[] byteIds = new int[256];
        in.asIntBuffer().get(byteIds);
        in.position(in.position() + 256 * 4);
        int capacity = in.getInt();
        int size = in.getInt();
        long[] keys = new long[capacity];
        in.asLongBuffer().get(keys);
        in.position(in.position() + capacity * 8);
        BpeMerges merges = BpeMerges.ofTable(keys, ints(in, capacity), ints(in, capacity), size);
        int addedCount = in.getInt();
        List<AddedToken> added = new ArrayList<>(addedCount);
        for (int i = 0; i < addedCount; i++) {
            byte[] content = new byte[in.getInt()];
            in.get(content);
            int f = in.get();
            added.add(new AddedToken(new String(content, StandardCharsets.UTF_8), (f & 1) != 0, (f & 2) != 0,
                    (f & 4) != 0, (f & 8) != 0, (f & 16) != 0));
        }
        int vocabSize = in.getInt();
        ByteVocab vocab = null;
        if (vocabSize >= 0) {
            vocab = new ByteVocab();
            byte[] token = new byte[1024];
            for (int i = 0; i < vocabSize; i++) {
                int id = in.getInt();
                int length = in.getInt();
                if (token.length < length) {
                    token = new byte[length];
                }
                in.get(token, 0, length);
                vocab.put(token, 0, length, id);
            }
        }
        if (in.position() != total - 8) {
            throw new IllegalStateException("trailing bytes");
        }
        return new ByteLevelBpeSpec(pattern, nfc, ignoreMerges, byteIds, merges, vocab, List.copyOf(added));
    }

    private static int[] ints(ByteBuffer in, int n) {
        int[] values = new int[n];
        in.asIntBuffer().get(values);
        in.position(in.position() + n * 4);
        return values;
    }
}
