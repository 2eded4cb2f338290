package drp.tiny.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed GGUF file (version 2 or 3): its metadata and its tensor directory; tensor data is read on
 * demand. Values keep their Java types: integers as Long, floats as Double, booleans, strings, and
 * arrays as Lists of those.
 */
public final class GgufFile {

    /** GGML tensor types this reader can widen to float. */
    public static final int GGML_F32 = 0;
    public static final int GGML_F16 = 1;
    public static final int GGML_BF16 = 30;

    /** One tensor's directory entry: dims innermost first, as GGUF lists them. */
    public record TensorInfo(String name, long[] dims, int type, long offset) {
        public long count() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }
    }

    private final Path path;
    private final int version;
    private final Map<String, Object> metadata;
    private final Map<String, TensorInfo> tensors;
    private final long dataStart;

    private GgufFile(Path path, int version, Map<String, Object> metadata, Map<String, TensorInfo> tensors, long dataStart) {
        this.path = path;
        this.version = version;
        this.metadata = Collections.unmodifiableMap(metadata);
        this.tensors = Collections.unmodifiableMap(tensors);
        this.dataStart = dataStart;
    }

    public int version() {
        return version;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    public Path path() {
        return path;
    }

    public static GgufFile read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            Reader in = new Reader(channel, path);
            int magic = in.i32();
            if (magic != 0x46554747) {
                throw new IOException(path + ": not a GGUF file (magic " + Integer.toHexString(magic) + ")");
            }
            int version = in.i32();
            if (version != 2 && version != 3) {
                throw new IOException(path + ": GGUF version " + version + " is not supported (2 or 3)");
            }
            long tensorCount = in.i64();
            long kvCount = in.i64();
            Map<String, Object> metadata = new LinkedHashMap<>();
            for (long i = 0; i < kvCount; i++) {
                String key = in.string();
                metadata.put(key, in.value(GgufType.of(in.i32())));
            }
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            for (long i = 0; i < tensorCount; i++) {
                String name = in.string();
                int nDims = in.i32();
                long[] dims = new long[nDims];
                for (int d = 0; d < nDims; d++) {
                    dims[d] = in.i64();
                }
                int type = in.i32();
                long offset = in.i64();
                tensors.put(name, new TensorInfo(name, dims, type, offset));
            }
            long alignment = metadata.get("general.alignment") instanceof Long a ? a : 32;
            long dataStart = (in.position() + alignment - 1) / alignment * alignment;
            return new GgufFile(path, version, metadata, tensors, dataStart);
        }
    }

    /** A tensor's values as floats (F32, F16 or BF16), in GGUF order (innermost dimension fastest). */
    public float[] floats(String name) throws IOException {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new IOException(path + ": no tensor " + name);
        }
        int width = switch (info.type()) {
            case GGML_F32 -> 4;
            case GGML_F16, GGML_BF16 -> 2;
            default -> throw new IOException(path + ": tensor " + name + " has GGML type " + info.type()
                    + "; only F32, F16 and BF16 can be read");
        };
        long count = info.count();
        if (count * width > Integer.MAX_VALUE) {
            throw new IOException(path + ": tensor " + name + " is too large");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) (count * width)).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long at = dataStart + info.offset();
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, at + buffer.position());
                if (n < 0) {
                    throw new IOException(path + ": tensor " + name + " runs past the end of the file");
                }
            }
        }
        buffer.flip();
        float[] out = new float[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (info.type()) {
                case GGML_F32 -> buffer.getFloat();
                case GGML_F16 -> Float.float16ToFloat(buffer.getShort());
                default -> Float.intBitsToFloat((buffer.getShort() & 0xffff) << 16);
            };
        }
        return out;
    }

    /** A metadata value that must exist. */
    public Object require(String key) throws IOException {
        Object value = metadata.get(key);
        if (value == null) {
            throw new IOException(path + ": metadata " + key + " is missing");
        }
        return value;
    }

    public long requireLong(String key) throws IOException {
        if (require(key) instanceof Long l) {
            return l;
        }
        throw new IOException(path + ": metadata " + key + " must be an integer, got " + metadata.get(key));
    }

    /** A buffered little-endian reader over a channel. */
    private static final class Reader {
        private final FileChannel channel;
        private final Path path;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        private long filePosition;

        Reader(FileChannel channel, Path path) {
            this.channel = channel;
            this.path = path;
            buffer.limit(0);
        }

        long position() {
            return filePosition - buffer.remaining();
        }

        private void need(int n) throws IOException {
            if (buffer.remaining() >= n) {
                return;
            }
            buffer.compact();
            while (buffer.position() < n) {
                int read = channel.read(buffer, filePosition);
                if (read < 0) {
                    throw new IOException(path + ": unexpected end of file in the GGUF header");
                }
                filePosition += read;
            }
            buffer.flip();
        }

        int i32() throws IOException {
            need(4);
            return buffer.getInt();
        }

        long i64() throws IOException {
            need(8);
            return buffer.getLong();
        }

        String string() throws IOException {
            long length = i64();
            if (length < 0 || length > (1 << 24)) {
                throw new IOException(path + ": bad string length " + length + " in the GGUF header");
            }
            byte[] bytes = new byte[(int) length];
            int done = 0;
            while (done < bytes.length) {
                need(1);
                int n = Math.min(buffer.remaining(), bytes.length - done);
                buffer.get(bytes, done, n);
                done += n;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        Object value(GgufType type) throws IOException {
            return switch (type) {
                case UINT8 -> { need(1); yield (long) (buffer.get() & 0xff); }
                case INT8 -> { need(1); yield (long) buffer.get(); }
                case UINT16 -> { need(2); yield (long) (buffer.getShort() & 0xffff); }
                case INT16 -> { need(2); yield (long) buffer.getShort(); }
                case UINT32 -> (long) i32() & 0xffffffffL;
                case INT32 -> (long) i32();
                case FLOAT32 -> { need(4); yield (double) buffer.getFloat(); }
                case BOOL -> { need(1); yield buffer.get() != 0; }
                case STRING -> string();
                case UINT64, INT64 -> i64();
                case FLOAT64 -> { need(8); yield buffer.getDouble(); }
                case ARRAY -> {
                    GgufType elementType = GgufType.of(i32());
                    long count = i64();
                    if (count < 0 || count > (1 << 26)) {
                        throw new IOException(path + ": bad array length " + count + " in the GGUF header");
                    }
                    List<Object> list = new ArrayList<>((int) count);
                    for (long i = 0; i < count; i++) {
                        list.add(value(elementType));
                    }
                    yield list;
                }
            };
        }
    }
}
