package drp.llm.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Assembles the HuggingFace {@code tokenizer.json} of a Qwen2 byte-level BPE from its
 * {@code vocab.json} + {@code merges.txt}, as {@code transformers}' {@code Qwen2TokenizerFast}
 * does when it converts the slow tokenizer: NFC normalizer, the Qwen2 split regex then ByteLevel
 * as pre-tokenizer, byte-level BPE with no unknown token, ByteLevel decoder.
 *
 * <p>Both files are validated here, so that a broken file is reported with its line rather than
 * as a bare error from the native tokenizer.
 */
final class Qwen2TokenizerJson {

    /**
     * Qwen2's pre-tokenizer split: like GPT-4's cl100k pattern but with single digits
     * ({@code \p{N}} rather than {@code \p{N}{1,3}}).
     */
    static final String SPLIT_REGEX = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Qwen2TokenizerJson() {}

    /** The tokenizer.json tree for {@code vocab} + {@code merges}; added tokens empty. */
    static ObjectNode assemble(Path vocab, Path merges) {
        Map<String, Integer> ids = readVocab(vocab);
        ArrayNode mergeList = readMerges(merges, ids);

        ObjectNode root = NODES.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens");
        root.putObject("normalizer").put("type", "NFC");
        ObjectNode preTokenizer = root.putObject("pre_tokenizer").put("type", "Sequence");
        ArrayNode steps = preTokenizer.putArray("pretokenizers");
        ObjectNode split = steps.addObject().put("type", "Split");
        split.putObject("pattern").put("Regex", SPLIT_REGEX);
        split.put("behavior", "Isolated").put("invert", false);
        steps.add(byteLevel());
        root.set("post_processor", byteLevel());
        root.set("decoder", byteLevel());

        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocabNode = model.putObject("vocab");
        ids.forEach(vocabNode::put);
        model.set("merges", mergeList);
        return root;
    }

    private static ObjectNode byteLevel() {
        // the regex split above already did the ByteLevel's own (GPT-2) split: use_regex false
        return NODES.objectNode()
                .put("type", "ByteLevel")
                .put("add_prefix_space", false)
                .put("trim_offsets", false)
                .put("use_regex", false);
    }

    /** token -> id, in file order. */
    static Map<String, Integer> readVocab(Path vocab) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(vocab.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new TokenizerLoadException(vocab, "expected a JSON object {\"token\": id, ...}");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String name = parser.currentName();
                if (parser.nextToken() != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 0
                        || parser.getLongValue() > Integer.MAX_VALUE) {
                    throw new TokenizerLoadException(vocab, "line " + parser.currentLocation().getLineNr()
                            + ": token \"" + name + "\" must map to a non-negative integer id, found "
                            + parser.getText());
                }
                ids.put(name, parser.getIntValue());
            }
            if (parser.nextToken() != null) {
                throw new TokenizerLoadException(vocab, "line " + parser.currentLocation().getLineNr()
                        + ": unexpected content after the vocabulary object");
            }
        } catch (JsonProcessingException e) {
            throw TokenizerLoadException.malformedJson(vocab, e);
        } catch (IOException e) {
            throw new TokenizerLoadException(vocab, "cannot read: " + e.getMessage(), e);
        }
        if (ids.isEmpty()) {
            throw new TokenizerLoadException(vocab, "the vocabulary is empty");
        }
        return ids;
    }

    /**
     * The merges as {@code [left, right]} pairs in rank order. As in HuggingFace's BPE reader, a
     * first line starting with {@code #version} is a header, and every other line is exactly two
     * tokens separated by one space, both (and their concatenation) in the vocabulary.
     */
    static ArrayNode readMerges(Path merges, Map<String, Integer> vocab) {
        ArrayNode pairs = NODES.arrayNode();
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int lineNumber = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(merges), decoder))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("#version")) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (space <= 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
                    throw new TokenizerLoadException(merges, "line " + lineNumber
                            + ": expected two tokens separated by one space, found \"" + line + "\"");
                }
                String left = line.substring(0, space);
                String right = line.substring(space + 1);
                for (String token : new String[] {left, right, left + right}) {
                    if (!vocab.containsKey(token)) {
                        throw new TokenizerLoadException(merges, "line " + lineNumber + ": token \"" + token
                                + "\" of merge \"" + line + "\" is not in vocab.json");
                    }
                }
                pairs.addArray().add(left).add(right);
            }
        } catch (CharacterCodingException e) {
            throw new TokenizerLoadException(merges, "line " + (lineNumber + 1) + ": not valid UTF-8", e);
        } catch (IOException e) {
            throw new TokenizerLoadException(merges, "cannot read: " + e.getMessage(), e);
        }
        return pairs;
    }
}
