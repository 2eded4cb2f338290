package drp.tiny.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a GGUF version 3 file: metadata key/values, a tensor directory, then F32 tensor data,
 * each tensor aligned to 32 bytes.
 */
public final class GgufWriter {

    static final int ALIGNMENT = 32;

    private record Value(GgufType type, GgufType elementType, Object value) {}

    private record PendingTensor(String name, long[] dims, float[] data) {}

    private final Map<String, Value> metadata = new LinkedHashMap<>();
    private final List<PendingTensor> tensors = new ArrayList<>();

    public GgufWriter string(String key, String value) {
        metadata.put(key, new Value(GgufType.STRING, null, value));
        return this;
    }

    public GgufWriter u32(String key, long value) {
        metadata.put(key, new Value(GgufType.UINT32, null, value));
        return this;
    }

    public GgufWriter f32(String key, float value) {
        metadata.put(key, new Value(GgufType.FLOAT32, null, value));
        return this;
    }

    public GgufWriter bool(String key, boolean value) {
        metadata.put(key, new Value(GgufType.BOOL, null, value));
        return this;
    }

    public GgufWriter strings(String key, List<String> values) {
        metadata.put(key, new Value(GgufType.ARRAY, GgufType.STRING, List.copyOf(values)));
        return this;
    }

    public GgufWriter f32s(String key, float[] values) {
        metadata.put(key, new Value(GgufType.ARRAY, GgufType.FLOAT32, values.clone()));
        return this;
    }

    public GgufWriter i32s(String key, int[] values) {
        metadata.put(key, new Value(GgufType.ARRAY, GgufType.INT32, values.clone()));
        return this;
    }

    /** A F32 tensor; {@code dims} innermost first (GGML's ne), data in that order. */
    public GgufWriter tensor(String name, long[] dims, float[] data) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("tensor " + name + ": dims need " + count + " values, got " + data.length);
        }
        tensors.add(new PendingTensor(name, dims.clone(), data));
        return this;
    }

    public void write(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Counting c = new Counting(out);
            c.bytes(new byte[] {'G', 'G', 'U', 'F'});
            c.i32(3);
            c.i64(tensors.size());
            c.i64(metadata.size());
            for (Map.Entry<String, Value> entry : metadata.entrySet()) {
                c.string(entry.getKey());
                Value v = entry.getValue();
                c.i32(v.type().code);
                if (v.type() == GgufType.ARRAY) {
                    c.i32(v.elementType().code);
                    switch (v.elementType()) {
                        case STRING -> {
                            @SuppressWarnings("unchecked")
                            List<String> list = (List<String>) v.value();
                            c.i64(list.size());
                            for (String s : list) {
                                c.string(s);
                            }
                        }
                        case FLOAT32 -> {
                            float[] array = (float[]) v.value();
                            c.i64(array.length);
                            for (float f : array) {
                                c.f32(f);
                            }
                        }
                        case INT32 -> {
                            int[] array = (int[]) v.value();
                            c.i64(array.length);
                            for (int i : array) {
                                c.i32(i);
                            }
                        }
                        default -> throw new IllegalStateException("unsupported array type " + v.elementType());
                    }
                } else {
                    switch (v.type()) {
                        case STRING -> c.string((String) v.value());
                        case UINT32 -> c.i32((int) (long) (Long) v.value());
                        case FLOAT32 -> c.f32((Float) v.value());
                        case BOOL -> c.bytes(new byte[] {(byte) (((Boolean) v.value()) ? 1 : 0)});
                        default -> throw new IllegalStateException("unsupported type " + v.type());
                    }
                }
            }
            long offset = 0;
            for (PendingTensor t : tensors) {
                c.string(t.name());
                c.i32(t.dims().length);
                for (long d : t.dims()) {
                    c.i64(d);
                }
                c.i32(GgufFile.GGML_F32);
                c.i64(offset);
                offset = align(offset + 4L * t.data().length);
            }
            c.pad();
            for (PendingTensor t : tensors) {
                ByteBuffer buffer = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
                buffer.asFloatBuffer().put(t.data());
                c.bytes(buffer.array());
                c.pad();
            }
        }
    }

    private static long align(long offset) {
        return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** A little-endian output that counts bytes, for alignment padding. */
    private static final class Counting {
        private final OutputStream out;
        private long written;
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        Counting(OutputStream out) {
            this.out = out;
        }

        void bytes(byte[] b) throws IOException {
            out.write(b);
            written += b.length;
        }

        void i32(int v) throws IOException {
            scratch.clear();
            scratch.putInt(v);
            out.write(scratch.array(), 0, 4);
            written += 4;
        }

        void i64(long v) throws IOException {
            scratch.clear();
            scratch.putLong(v);
            out.write(scratch.array(), 0, 8);
            written += 8;
        }

        void f32(float v) throws IOException {
            i32(Float.floatToRawIntBits(v));
        }

        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i64(b.length);
            bytes(b);
        }

        void pad() throws IOException {
            long target = align(written);
            while (written < target) {
                out.write(0);
                written++;
            }
        }
    }
}
