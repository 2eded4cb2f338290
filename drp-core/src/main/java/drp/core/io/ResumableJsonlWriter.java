package drp.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Appends records to a JSONL file so that a stage killed at any moment resumes without losing or
 * duplicating a record.
 *
 * <p>On open it reads the ids already written. A last line without its newline is what a killed
 * writer leaves behind: it is cut off (and counted), and the record is simply written again. Each
 * record is written as one line with one write call and handed to the operating system at once,
 * so a kill -9 of the JVM can tear at most the line being written. A complete line that is not
 * valid JSON means the file was damaged by something else, and opening fails rather than guess.
 */
public final class ResumableJsonlWriter implements AutoCloseable {

    private final Path file;
    private final String idField;
    private final FileChannel channel;
    private final Set<String> ids = new HashSet<>();
    private final int tornLinesDropped;

    private ResumableJsonlWriter(Path file, String idField) throws IOException {
        this.file = file;
        this.idField = idField;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.tornLinesDropped = recover();
        channel.position(channel.size());
    }

    /**
     * Opens {@code file} for appending, creating it (and its folders) when absent.
     *
     * @param idField the JSON field holding each record's stable id
     */
    public static ResumableJsonlWriter open(Path file, String idField) {
        try {
            return new ResumableJsonlWriter(file, idField);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + " for writing: " + e.getMessage(), e);
        }
    }

    /** Cuts off a torn last line, then collects the ids of the complete lines. */
    private int recover() throws IOException {
        long completeEnd = endOfLastCompleteLine();
        int torn = 0;
        if (completeEnd < channel.size()) {
            channel.truncate(completeEnd);
            torn = 1;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (!line.isBlank()) {
                    ids.add(JsonlReader.parse(file, lineNo, line).requireText(idField));
                }
            }
        }
        return torn;
    }

    /** The offset just past the last newline, scanning back from the end in blocks. */
    private long endOfLastCompleteLine() throws IOException {
        ByteBuffer block = ByteBuffer.allocate(8192);
        long end = channel.size();
        while (end > 0) {
            long start = Math.max(0, end - block.capacity());
            block.clear().limit((int) (end - start));
            while (block.hasRemaining() && channel.read(block, start + block.position()) > 0) {
                // positional reads may return short
            }
            for (int i = block.position() - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    /** True when a record with this id is already in the file. */
    public synchronized boolean contains(String id) {
        return ids.contains(id);
    }

    /** The ids written so far, including those found on open. */
    public synchronized Set<String> ids() {
        return Collections.unmodifiableSet(new HashSet<>(ids));
    }

    /** How many records the file holds. */
    public synchronized int size() {
        return ids.size();
    }

    /** 1 when opening cut off a torn last line, else 0. */
    public int tornLinesDropped() {
        return tornLinesDropped;
    }

    /**
     * Appends {@code record} unless its id is already written.
     *
     * @return true when written, false when the id was already present
     */
    public synchronized boolean append(Object record) {
        JsonNode node = JsonCodec.MAPPER.valueToTree(record);
        JsonNode id = node.get(idField);
        if (id == null || id.isNull() || id.asText().isBlank()) {
            throw new IllegalArgumentException("record has no '" + idField + "' to key it by: " + record);
        }
        if (ids.contains(id.asText())) {
            return false;
        }
        byte[] line = (JsonCodec.line(node) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
        ids.add(id.asText());
        return true;
    }

    /** Forces the written lines to the storage device (for power-loss safety; kills are safe without it). */
    public synchronized void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
