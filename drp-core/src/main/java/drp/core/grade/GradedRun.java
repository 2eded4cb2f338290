package drp.core.grade;

import drp.core.io.ErrorPolicy;
import drp.core.io.ReadResult;
import drp.core.io.RecordError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The graded records of one model, by benchmark: one graded JSONL file (which may hold several
 * benchmarks) or a directory of them such as {@code eval/<model>/}.
 *
 * @param label        the model's name in tables: by default the directory's name, or the file's
 *                     name without {@code .jsonl}
 * @param byBenchmark  records by benchmark name, in the order first seen
 * @param errors       malformed lines skipped (LENIENT)
 */
public record GradedRun(String label, Map<String, List<GradedRecord>> byBenchmark, List<RecordError> errors) {

    public GradedRun {
        Objects.requireNonNull(label, "label");
        Map<String, List<GradedRecord>> copy = new LinkedHashMap<>();
        byBenchmark.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byBenchmark = Collections.unmodifiableMap(copy);
        errors = List.copyOf(errors);
    }

    /** Groups {@code records} by benchmark. */
    public static GradedRun of(String label, List<GradedRecord> records) {
        Map<String, List<GradedRecord>> by = new LinkedHashMap<>();
        records.forEach(r -> by.computeIfAbsent(r.benchmark(), k -> new ArrayList<>()).add(r));
        return new GradedRun(label, by, List.of());
    }

    /** Reads a graded JSONL file, or every {@code *.jsonl} file of a directory (not its subdirectories). */
    public static GradedRun read(Path fileOrDirectory, ErrorPolicy policy) {
        List<Path> files;
        String label;
        if (Files.isDirectory(fileOrDirectory)) {
            try (Stream<Path> list = Files.list(fileOrDirectory)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))
                        .sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + fileOrDirectory + ": " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException(fileOrDirectory + ": no .jsonl files of graded records in it");
            }
            label = fileOrDirectory.toAbsolutePath().normalize().getFileName().toString();
        } else {
            files = List.of(fileOrDirectory);
            String name = fileOrDirectory.getFileName().toString();
            label = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        }
        List<GradedRecord> records = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        for (Path file : files) {
            ReadResult<GradedRecord> read = GradedRecords.read(file, policy);
            records.addAll(read.items());
            errors.addAll(read.errors());
        }
        GradedRun run = of(label, records);
        return new GradedRun(label, run.byBenchmark(), errors);
    }

    public GradedRun withLabel(String name) {
        return new GradedRun(name, byBenchmark, errors);
    }
}
