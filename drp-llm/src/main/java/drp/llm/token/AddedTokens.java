package drp.llm.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The added and special tokens of a {@code tokenizer_config.json}, and their merge into a
 * {@code tokenizer.json} tree, following {@code transformers}: the entries of
 * {@code added_tokens_decoder} in the order of their ids come first, then the named special
 * tokens ({@code bos_token}, {@code eos_token}, ...) and {@code additional_special_tokens}, each
 * given as a string or as an {@code AddedToken} object.
 */
final class AddedTokens {

    private static final List<String> NAMED_SPECIAL_TOKENS =
            List.of("bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token");

    private AddedTokens() {}

    /** The tokens a tokenizer_config.json ({@code root}, read from {@code config}) adds, in order, each content once. */
    static List<AddedToken> fromConfig(ObjectNode root, Path config) {
        Map<String, AddedToken> byContent = new LinkedHashMap<>();
        Map<Integer, AddedToken> byId = new TreeMap<>();
        JsonNode decoder = root.path("added_tokens_decoder");
        if (!decoder.isMissingNode() && !decoder.isNull()) {
            if (!decoder.isObject()) {
                throw new TokenizerLoadException(config, "field added_tokens_decoder: expected an object {\"id\": {...}}");
            }
            for (var entry : decoder.properties()) {
                String field = "added_tokens_decoder.\"" + entry.getKey() + "\"";
                int id;
                try {
                    id = Integer.parseInt(entry.getKey());
                } catch (NumberFormatException e) {
                    throw new TokenizerLoadException(config, "field " + field + ": the key must be a token id");
                }
                if (id < 0) {
                    throw new TokenizerLoadException(config, "field " + field + ": a token id cannot be negative");
                }
                byId.put(id, parse(entry.getValue(), false, config, field));
            }
        }
        byId.values().forEach(token -> byContent.putIfAbsent(token.content(), token));
        for (String name : NAMED_SPECIAL_TOKENS) {
            JsonNode value = root.path(name);
            if (!value.isMissingNode() && !value.isNull()) {
                AddedToken token = parse(value, true, config, name);
                byContent.putIfAbsent(token.content(), token);
            }
        }
        JsonNode additional = root.path("additional_special_tokens");
        if (!additional.isMissingNode() && !additional.isNull()) {
            if (!additional.isArray()) {
                throw new TokenizerLoadException(config, "field additional_special_tokens: expected an array");
            }
            for (int i = 0; i < additional.size(); i++) {
                AddedToken token = parse(additional.get(i), true, config,
                        "additional_special_tokens[" + i + "]");
                byContent.putIfAbsent(token.content(), token);
            }
        }
        return List.copyOf(byContent.values());
    }

    private static AddedToken parse(JsonNode node, boolean special, Path config, String field) {
        if (node.isTextual()) {
            if (node.asText().isEmpty()) {
                throw new TokenizerLoadException(config, "field " + field + ": the token is empty");
            }
            return AddedToken.special(node.asText());
        }
        if (!node.isObject()) {
            throw new TokenizerLoadException(config, "field " + field + ": expected a string or an AddedToken object");
        }
        JsonNode content = node.path("content");
        if (!content.isTextual() || content.asText().isEmpty()) {
            throw new TokenizerLoadException(config, "field " + field + ".content: expected a non-empty string");
        }
        boolean isSpecial = flag(node, "special", special, config, field);
        return new AddedToken(content.asText(), isSpecial,
                flag(node, "lstrip", false, config, field),
                flag(node, "rstrip", false, config, field),
                flag(node, "normalized", !isSpecial, config, field),
                flag(node, "single_word", false, config, field));
    }

    private static boolean flag(JsonNode node, String name, boolean fallback, Path config, String field) {
        JsonNode value = node.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new TokenizerLoadException(config, "field " + field + "." + name + ": expected true or false");
        }
        return value.booleanValue();
    }

    /**
     * Appends {@code tokens} to {@code tokenizer}'s {@code added_tokens}, skipping contents it
     * already has, with the ids the {@code tokenizers} library will give them when it loads the
     * tree (it recomputes them and only warns about others): the vocabulary's id for the string,
     * else the vocabulary size for the first new token and one more for each next one.
     */
    static void addTo(ObjectNode tokenizer, List<AddedToken> tokens) {
        JsonNode existing = tokenizer.path("added_tokens");
        ArrayNode added = existing.isArray() ? (ArrayNode) existing : tokenizer.putArray("added_tokens");
        Map<String, Integer> addedIds = new LinkedHashMap<>();
        for (JsonNode entry : added) {
            addedIds.put(entry.path("content").asText(), entry.path("id").asInt());
        }
        Map<String, Integer> vocab = modelVocab(tokenizer.path("model"));
        int vocabSize = vocab.size();
        for (AddedToken token : tokens) {
            if (addedIds.containsKey(token.content())) {
                continue;
            }
            Integer id = vocab.get(token.content());
            if (id == null) {
                int max = addedIds.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
                id = addedIds.isEmpty() || (max < vocabSize && vocabSize > 0) ? vocabSize : max + 1;
            }
            addedIds.put(token.content(), id);
            added.addObject()
                    .put("id", id)
                    .put("content", token.content())
                    .put("single_word", token.singleWord())
                    .put("lstrip", token.lstrip())
                    .put("rstrip", token.rstrip())
                    .put("normalized", token.normalized())
                    .put("special", token.special());
        }
    }

    /** BPE and WordPiece map token -> id; Unigram lists [piece, score] pairs, the id being the index. */
    private static Map<String, Integer> modelVocab(JsonNode model) {
        JsonNode vocab = model.path("vocab");
        Map<String, Integer> ids = new LinkedHashMap<>();
        if (vocab.isObject()) {
            vocab.properties().forEach(e -> ids.put(e.getKey(), e.getValue().asInt()));
        } else if (vocab.isArray()) {
            for (int i = 0; i < vocab.size(); i++) {
                ids.putIfAbsent(vocab.get(i).path(0).asText(), i);
            }
        }
        return ids;
    }
}
