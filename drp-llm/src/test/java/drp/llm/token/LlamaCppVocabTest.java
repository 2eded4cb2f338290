package drp.llm.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One case of llama.cpp's tokenizer test files ({@code models/ggml-vocab-*.gguf.inp/.out}), read
 * as its test-tokenizer-0 does: the .inp text is split on {@code "\n__ggml_vocab_test__\n"}
 * (every case, the last included, is followed by that separator, so a case keeps its own
 * leading and trailing whitespace and newlines), and line i of the .out file holds the ids of
 * case i separated by spaces (with a leading space; an empty line for the empty text).
 *
 * @param number 1-based case number, for messages
 */
record LlamaCppVocabTest(int number, String text, int[] ids) {

    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";

    static List<LlamaCppVocabTest> read(Path inp, Path out) throws IOException {
        String raw = Files.readString(inp, StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>();
        int position = 0;
        while (position < raw.length()) {
            int next = raw.indexOf(SEPARATOR, position);
            if (next < 0) {
                texts.add(raw.substring(position));
                break;
            }
            texts.add(raw.substring(position, next));
            position = next + SEPARATOR.length();
        }
        // split on \n only: Files.readAllLines would also split on a \r
        String[] lines = Files.readString(out, StandardCharsets.UTF_8).split("\n", -1);
        int lineCount = lines.length - (lines[lines.length - 1].isEmpty() ? 1 : 0);
        if (lineCount != texts.size()) {
            throw new IllegalStateException(out + ": " + lineCount + " lines for " + texts.size() + " texts in " + inp);
        }
        List<LlamaCppVocabTest> cases = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String line = lines[i].strip();
            int[] ids = line.isEmpty() ? new int[0] : Arrays.stream(line.split(" +")).mapToInt(Integer::parseInt).toArray();
            cases.add(new LlamaCppVocabTest(i + 1, texts.get(i), ids));
        }
        return cases;
    }

    @Override
    public String toString() {
        String shown = text.length() > 30 ? text.substring(0, 30) + "..." : text;
        return "#" + number + " \"" + shown.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + "\"";
    }
}
