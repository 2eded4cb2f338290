package drp.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlIoTest {

    @TempDir
    Path dir;

    record Item(String id, int value) {}

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void lenientReadSkipsMalformedLinesAndNamesFileLineAndField() throws IOException {
        Path file = write("in.jsonl", """
                {"id": "a", "question": "q1"}
                {"id": "b", "question": 
                [1, 2]

                {"id": "c"}
                {"id": "d", "question": "q4"}
                """);
        ReadResult<String> result = JsonlReader.read(file, ErrorPolicy.LENIENT, r -> r.requireText("question"));
        assertThat(result.items()).containsExactly("q1", "q4");
        assertThat(result.errors()).extracting(RecordError::line).containsExactly(2, 3, 5);
        assertThat(result.errors().get(0).toString()).startsWith(file + ":2: not valid JSON");
        assertThat(result.errors().get(1).message()).contains("expected a JSON object");
        assertThat(result.errors().get(2).toString()).isEqualTo(file + ":5: field 'question': missing (fields present: id)");
    }

    @Test
    void strictReadStopsAtTheFirstBadLine() throws IOException {
        Path file = write("in.jsonl", "{\"question\": \"ok\"}\n{\"question\": [1]}\n{\"question\": \"late\"}\n");
        assertThatThrownBy(() -> JsonlReader.read(file, ErrorPolicy.STRICT, r -> r.requireText("question")))
                .isInstanceOf(JsonlFormatException.class)
                .hasMessage(file + ":2: field 'question': expected text, found array");
    }

    /** A file whose second line holds 0xC3 0x28: a UTF-8 lead byte followed by '(' instead of a continuation byte. */
    private Path fileWithInvalidUtf8OnLine2() throws IOException {
        Path file = dir.resolve("latin.jsonl");
        byte[] good1 = "{\"question\": \"q1 \u00e9\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', 'q', 'u', 'e', 's', 't', 'i', 'o', 'n', '"', ':', ' ', '"', 'x', (byte) 0xC3, 0x28, '"', '}', '\n'};
        byte[] good3 = "{\"question\": \"q3\"}\r\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, good1);
        Files.write(file, bad, StandardOpenOption.APPEND);
        Files.write(file, good3, StandardOpenOption.APPEND);
        return file;
    }

    @Test
    void lenientReadSkipsALineThatIsNotUtf8AndReadsTheOthers() throws IOException {
        Path file = fileWithInvalidUtf8OnLine2();
        ReadResult<String> result = JsonlReader.read(file, ErrorPolicy.LENIENT, r -> r.requireText("question"));
        assertThat(result.items()).containsExactly("q1 \u00e9", "q3"); // the CR of a CRLF line is not part of it
        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().getFirst().toString())
                .isEqualTo(file + ":2: not UTF-8 text (invalid byte 0xC3 at byte 16 of the line)");
    }

    @Test
    void strictReadStopsAtALineThatIsNotUtf8WithItsFileAndLine() throws IOException {
        Path file = fileWithInvalidUtf8OnLine2();
        assertThatThrownBy(() -> JsonlReader.read(file, ErrorPolicy.STRICT, r -> r.requireText("question")))
                .isInstanceOf(JsonlFormatException.class)
                .hasMessage(file + ":2: not UTF-8 text (invalid byte 0xC3 at byte 16 of the line)");
    }

    @Test
    void linesLongerThanTheReadBufferAndALastLineWithoutNewlineAreRead() throws IOException {
        String longText = "\u00e9".repeat(100_000); // 200,000 bytes: crosses read-buffer boundaries mid-character
        Path file = write("long.jsonl", "{\"question\": \"" + longText + "\"}\n\n{\"question\": \"last\"}");
        ReadResult<String> result = JsonlReader.read(file, ErrorPolicy.STRICT, r -> r.requireText("question"));
        assertThat(result.items()).containsExactly(longText, "last");
    }

    @Test
    void missingFileIsAClearError() {
        Path missing = dir.resolve("nope.jsonl");
        assertThatThrownBy(() -> JsonlReader.read(missing, ErrorPolicy.LENIENT))
                .hasMessage("input file not found: " + missing);
    }

    @Test
    void writerSkipsIdsAlreadyWrittenAcrossReopen() {
        Path file = dir.resolve("out/records.jsonl");
        try (ResumableJsonlWriter w = ResumableJsonlWriter.open(file, "id")) {
            assertThat(w.append(new Item("a", 1))).isTrue();
            assertThat(w.append(new Item("a", 2))).isFalse();
            assertThat(w.append(new Item("b", 3))).isTrue();
        }
        try (ResumableJsonlWriter w = ResumableJsonlWriter.open(file, "id")) {
            assertThat(w.ids()).containsExactlyInAnyOrder("a", "b");
            assertThat(w.append(new Item("b", 9))).isFalse();
            assertThat(w.append(new Item("c", 4))).isTrue();
        }
        List<Item> items = JsonlReader.read(file, ErrorPolicy.STRICT, r -> JsonCodec.convert(r.node(), Item.class)).items();
        assertThat(items).containsExactly(new Item("a", 1), new Item("b", 3), new Item("c", 4));
    }

    @Test
    void tornLastLineFromAKilledWriterIsDroppedAndRewritten() throws IOException {
        Path file = dir.resolve("torn.jsonl");
        try (ResumableJsonlWriter w = ResumableJsonlWriter.open(file, "id")) {
            w.append(new Item("a", 1));
            w.append(new Item("b", 2));
        }
        // what a kill -9 in the middle of a write leaves behind
        Files.writeString(file, "{\"id\":\"c\",\"val", StandardOpenOption.APPEND);
        try (ResumableJsonlWriter w = ResumableJsonlWriter.open(file, "id")) {
            assertThat(w.tornLinesDropped()).isEqualTo(1);
            assertThat(w.ids()).containsExactlyInAnyOrder("a", "b");
            assertThat(w.append(new Item("c", 3))).isTrue();
        }
        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"id\":\"a\",\"value\":1}", "{\"id\":\"b\",\"value\":2}", "{\"id\":\"c\",\"value\":3}");
    }

    @Test
    void aDamagedCompleteLineStopsTheWriterInsteadOfGuessing() throws IOException {
        Path file = write("bad.jsonl", "{\"id\":\"a\"}\nnot json\n{\"id\":\"b\"}\n");
        assertThatThrownBy(() -> ResumableJsonlWriter.open(file, "id"))
                .isInstanceOf(JsonlFormatException.class)
                .hasMessageContaining(":2: not valid JSON");
    }

    @Test
    void aRecordWithoutItsIdIsRefused() {
        try (ResumableJsonlWriter w = ResumableJsonlWriter.open(dir.resolve("x.jsonl"), "id")) {
            assertThatThrownBy(() -> w.append(Map.of("other", 1))).hasMessageContaining("no 'id'");
        }
    }

    @Test
    void concurrentAppendsNeitherLoseNorDuplicate() throws Exception {
        Path file = dir.resolve("concurrent.jsonl");
        try (ResumableJsonlWriter w = ResumableJsonlWriter.open(file, "id")) {
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 200; i++) {
                        w.append(new Item("id-" + i, i)); // every thread writes the same ids
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        assertThat(Files.readAllLines(file)).hasSize(200).doesNotHaveDuplicates();
    }
}
