package drp.core.answer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table of equivalence cases for one phenomenon, stored as a resource next to the tests:
 * one row per line, {@code expected || gold || predicted || comment}, where expected is
 * {@code correct}, {@code wrong} or {@code unparseable}. LaTeX is written raw, with no Java
 * escaping. Lines starting with {@code #} and blank lines are ignored.
 */
record EquivalenceTable(String name, List<Row> rows) {

    record Row(String table, int line, String expected, String gold, String predicted, String comment) {
        @Override
        public String toString() {
            return table + ":" + line + " " + comment;
        }
    }

    static List<Row> rows(String name) {
        return read(name).rows();
    }

    static EquivalenceTable read(String name) {
        String resource = "equivalence/" + name + ".txt";
        InputStream in = EquivalenceTable.class.getResourceAsStream(resource);
        Objects.requireNonNull(in, () -> "missing test table " + resource);
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" \\|\\| ", -1);
                if (f.length != 4) {
                    throw new IllegalArgumentException(resource + ":" + no + ": expected 4 fields separated by ' || ', got " + f.length);
                }
                String expected = f[0].strip();
                if (!List.of("correct", "wrong", "unparseable").contains(expected)) {
                    throw new IllegalArgumentException(resource + ":" + no + ": expected must be correct, wrong or unparseable, got " + expected);
                }
                rows.add(new Row(name, no, expected, f[1], f[2], f[3].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(resource + " has no rows");
        }
        return new EquivalenceTable(name, rows);
    }
}
