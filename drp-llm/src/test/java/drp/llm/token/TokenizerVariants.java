package drp.llm.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** tokenizer.json files derived from a real one by an edit: a Llama-3 split, flagged added tokens... */
final class TokenizerVariants {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerVariants() {}

    /** {@code base} edited by {@code edit}, written to {@code dir/tokenizer.json}; returns dir. */
    static Path variant(Path base, Path dir, Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(base.toFile());
            edit.accept(root);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("tokenizer.json"), JSON.writeValueAsString(root));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Llama-3's split (digits in runs of up to three) and ignore_merges. */
    static void llama3(ObjectNode root) {
        ObjectNode split = (ObjectNode) root.path("pre_tokenizer").path("pretokenizers").get(0);
        ((ObjectNode) split.path("pattern")).put("Regex", SplitPattern.LLAMA3.regex());
        ((ObjectNode) root.path("model")).put("ignore_merges", true);
        root.putNull("normalizer");
    }

    /** Added tokens with every flag: special ones on the raw text, normalized ones, strips, single words. */
    static void flaggedTokens(ObjectNode root) {
        var added = root.putArray("added_tokens");
        int id = 200_000;
        add(added, id++, "<|endoftext|>", true, false, false, false, false);
        add(added, id++, "<|im_start|>", true, false, false, false, false);
        add(added, id++, "<|im_end|>", true, false, false, false, false);
        add(added, id++, "<think>", false, false, false, true, false);
        add(added, id++, "</think>", false, true, true, false, false);
        add(added, id++, "<|im_end", true, true, false, false, false);
        add(added, id++, "数学", false, false, true, true, false);
        add(added, id++, "in", false, false, false, false, true);
        add(added, id++, "'s", false, true, false, true, true);
        add(added, id++, "cafe\u0301", false, false, false, true, false);
        add(added, id++, "Å", false, false, false, false, false);
        add(added, id++, "  ", false, false, false, false, false);
        add(added, id++, "🚀", true, true, true, false, true);
    }

    private static void add(com.fasterxml.jackson.databind.node.ArrayNode added, int id, String content, boolean special,
            boolean lstrip, boolean rstrip, boolean normalized, boolean singleWord) {
        added.addObject().put("id", id).put("content", content).put("single_word", singleWord).put("lstrip", lstrip)
                .put("rstrip", rstrip).put("normalized", normalized).put("special", special);
    }
}
