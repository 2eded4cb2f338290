package drp.tiny.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (HuggingFace): an 8-byte little-endian header length, a JSON header
 * naming each tensor's dtype, shape and byte range, then the raw little-endian data. Only F32 is
 * written; F32, F16 and BF16 are read (widened to float).
 */
public final class Safetensors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {}

    /** A named float tensor, row-major. */
    public record Tensor(int[] shape, float[] data) {
        public Tensor {
            long size = 1;
            for (int d : shape) {
                size *= d;
            }
            if (size != data.length) {
                throw new IllegalArgumentException("tensor of shape " + java.util.Arrays.toString(shape)
                        + " needs " + size + " values, got " + data.length);
            }
        }
    }

    /** Writes tensors in the given order, with string metadata. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        metadata.forEach(meta::put);
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            ObjectNode node = header.putObject(entry.getKey());
            node.put("dtype", "F32");
            var shape = node.putArray("shape");
            for (int d : entry.getValue().shape()) {
                shape.add(d);
            }
            long end = offset + 4L * entry.getValue().data().length;
            node.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // the data starts 8-byte aligned
        byte[] headerBytes = new byte[padded];
        java.util.Arrays.fill(headerBytes, (byte) ' ');
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(length.array());
            out.write(headerBytes);
            for (Tensor tensor : tensors.values()) {
                ByteBuffer buffer = ByteBuffer.allocate(4 * tensor.data().length).order(ByteOrder.LITTLE_ENDIAN);
                buffer.asFloatBuffer().put(tensor.data());
                out.write(buffer.array());
            }
        }
    }

    /** The file's string metadata ({@code __metadata__}). */
    public static Map<String, String> metadata(Path file) throws IOException {
        JsonNode header = header(file);
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = header.get("__metadata__");
        if (meta != null) {
            meta.fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        }
        return metadata;
    }

    /** Reads every tensor from the bytes of a safetensors file, in header order. */
    public static Map<String, Tensor> read(byte[] file, String source) throws IOException {
        if (file.length < 8) {
            throw new IOException(source + ": too short for a safetensors file");
        }
        ByteBuffer all = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long n = all.getLong(0);
        if (n <= 0 || n + 8 > file.length) {
            throw new IOException(source + ": bad safetensors header length " + n);
        }
        JsonNode header = JSON.readTree(new String(file, 8, (int) n, StandardCharsets.UTF_8).strip());
        if (header == null || !header.isObject()) {
            throw new IOException(source + ": the safetensors header is not a JSON object");
        }
        return tensors(header, all, 8 + n, source);
    }

    /** Reads every tensor, in header order. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    private static Map<String, Tensor> tensors(JsonNode header, ByteBuffer all, long dataStart, Object file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        long fileSize = all.capacity();
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("__metadata__")) {
                continue;
            }
            String name = field.getKey();
            JsonNode node = field.getValue();
            String dtype = node.path("dtype").asText();
            List<Integer> dims = new ArrayList<>();
            node.path("shape").forEach(d -> dims.add(d.asInt()));
            int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
            long start = node.path("data_offsets").path(0).asLong(-1);
            long end = node.path("data_offsets").path(1).asLong(-1);
            long count = 1;
            for (int d : shape) {
                count *= d;
            }
            int width = switch (dtype) {
                case "F32" -> 4;
                case "F16", "BF16" -> 2;
                default -> throw new IOException(file + ": tensor " + name + " has dtype " + dtype + "; only F32, F16 and BF16 are supported");
            };
            if (start < 0 || end - start != count * width || dataStart + end > fileSize) {
                throw new IOException(file + ": tensor " + name + ": data_offsets [" + start + ", " + end
                        + "] do not match shape " + dims + " of " + dtype + " within a file of " + fileSize + " bytes");
            }
            ByteBuffer buffer = all.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            buffer.position((int) (dataStart + start));
            float[] data = new float[(int) count];
            for (int i = 0; i < data.length; i++) {
                data[i] = switch (dtype) {
                    case "F32" -> buffer.getFloat();
                    case "F16" -> Float.float16ToFloat(buffer.getShort());
                    default -> Float.intBitsToFloat((buffer.getShort() & 0xffff) << 16);
                };
            }
            tensors.put(name, new Tensor(shape, data));
        }
        return tensors;
    }

    private static long headerLength(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (channel.read(length, 0) != 8) {
                throw new IOException(file + ": too short for a safetensors file");
            }
            long n = length.flip().getLong();
            if (n <= 0 || n > 100_000_000L || n + 8 > channel.size()) {
                throw new IOException(file + ": bad safetensors header length " + n);
            }
            return n;
        }
    }

    private static JsonNode header(Path file) throws IOException {
        long n = headerLength(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bytes = ByteBuffer.allocate((int) n);
            channel.read(bytes, 8);
            JsonNode header = JSON.readTree(new String(bytes.array(), StandardCharsets.UTF_8).strip());
            if (header == null || !header.isObject()) {
                throw new IOException(file + ": the safetensors header is not a JSON object");
            }
            return header;
        }
    }
}
