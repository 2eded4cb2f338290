package drp.llm.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a tokenizer.json into a {@link ByteLevelBpeSpec} when, and only when, the fast counter
 * reproduces it exactly: no normalizer or NFC; the pre-tokenizer {@code Sequence[Split(one of the
 * {@link SplitPattern}s, Isolated), ByteLevel(add_prefix_space false, use_regex false)]}; a BPE
 * model without dropout, subword prefix or suffix, or byte fallback, whose vocabulary has all 256
 * one-byte tokens and whose merges are all byte-level; a post-processor that adds nothing when no
 * special tokens are asked for. Anything else throws {@link NotSupported} with the reason, and the
 * Rust library takes the file.
 */
final class ByteLevelBpeJson {

    /** The fast counter does not reproduce this tokenizer (or the file is malformed). */
    static final class NotSupported extends Exception {
        private static final long serialVersionUID = 1L;

        NotSupported(String reason) {
            super(reason, null, false, false);
        }
    }

    private ByteLevelBpeJson() {}

    static ByteLevelBpeSpec read(byte[] json) throws NotSupported {
        try {
            return new Reader(new JsonBytes(json)).read();
        } catch (JsonBytes.Malformed e) {
            throw new NotSupported("malformed JSON: " + e.getMessage());
        } catch (ClassCastException e) {
            throw new NotSupported("unexpected JSON shape: " + e.getMessage());
        }
    }

    private static final class Reader {
        private final JsonBytes in;
        private SplitPattern pattern;
        private boolean nfc;
        private boolean ignoreMerges;
        private boolean sawModel;
        private boolean sawPreTokenizer;
        private final List<AddedToken> added = new ArrayList<>();
        private ByteVocab vocab;
        private int mergesAt = -1;
        private int[] left = new int[0];
        private int[] right = new int[0];
        private int[] merged = new int[0];
        private int mergeCount;

        Reader(JsonBytes in) {
            this.in = in;
        }

        ByteLevelBpeSpec read() throws JsonBytes.Malformed, NotSupported {
            if (in.openObject()) {
                do {
                    String key = in.key();
                    switch (key) {
                        case "added_tokens" -> addedTokens(in.value());
                        case "normalizer" -> normalizer(in.value());
                        case "pre_tokenizer" -> preTokenizer(in.value());
                        case "post_processor" -> postProcessor(in.value());
                        case "model" -> model();
                        default -> in.skip(); // version, truncation, padding, decoder: no effect on counts
                    }
                } while (in.more('}'));
                in.expect('}');
            }
            if (!in.atEnd()) {
                throw new NotSupported("content after the JSON object");
            }
            if (!sawModel) {
                throw new NotSupported("no model");
            }
            if (!sawPreTokenizer || pattern == null) {
                throw new NotSupported("no pre-tokenizer");
            }
            int[] byteIds = new int[256];
            byte[] one = new byte[1];
            for (int v = 0; v < 256; v++) {
                one[0] = (byte) v;
                byteIds[v] = vocab.get(one, 0, 1);
                if (byteIds[v] < 0) {
                    throw new NotSupported("the vocabulary lacks the byte-level token of byte " + v);
                }
            }
            return new ByteLevelBpeSpec(pattern, nfc, ignoreMerges, byteIds, BpeMerges.build(left, right, merged, mergeCount),
                    ignoreMerges ? vocab : null, List.copyOf(added));
        }

        private void addedTokens(Object value) throws NotSupported {
            if (value == null) {
                return;
            }
            for (Object o : (List<?>) value) {
                Map<?, ?> t = (Map<?, ?>) o;
                if (!(t.get("content") instanceof String content) || content.isEmpty()) {
                    throw new NotSupported("an added token without content");
                }
                boolean special = flag(t, "special", false);
                added.add(new AddedToken(content, special, flag(t, "lstrip", false), flag(t, "rstrip", false),
                        flag(t, "normalized", !special), flag(t, "single_word", false)));
            }
        }

        private static boolean flag(Map<?, ?> map, String name, boolean fallback) throws NotSupported {
            Object v = map.get(name);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Boolean b)) {
                throw new NotSupported(name + " is not a boolean");
            }
            return b;
        }

        private void normalizer(Object value) throws NotSupported {
            if (value == null) {
                nfc = false;
                return;
            }
            Map<?, ?> n = (Map<?, ?>) value;
            if ("NFC".equals(n.get("type")) && n.size() == 1) {
                nfc = true;
                return;
            }
            if ("Sequence".equals(n.get("type")) && n.get("normalizers") instanceof List<?> steps && steps.size() <= 1) {
                if (steps.isEmpty()) {
                    nfc = false;
                    return;
                }
                normalizer(steps.get(0));
                return;
            }
            throw new NotSupported("normalizer " + n.get("type") + " (only none or NFC)");
        }

        private void preTokenizer(Object value) throws NotSupported {
            sawPreTokenizer = true;
            if (!(value instanceof Map<?, ?> p) || !"Sequence".equals(p.get("type"))
                    || !(p.get("pretokenizers") instanceof List<?> steps) || steps.size() != 2) {
                throw new NotSupported("pre-tokenizer is not Sequence[Split, ByteLevel]");
            }
            Map<?, ?> split = (Map<?, ?>) steps.get(0);
            Map<?, ?> byteLevel = (Map<?, ?>) steps.get(1);
            if (!"Split".equals(split.get("type")) || !"Isolated".equals(split.get("behavior"))
                    || !Boolean.FALSE.equals(split.get("invert"))
                    || !(split.get("pattern") instanceof Map<?, ?> regex) || !(regex.get("Regex") instanceof String re)) {
                throw new NotSupported("first pre-tokenizer step is not an isolating regex Split");
            }
            pattern = SplitPattern.of(re);
            if (pattern == null) {
                throw new NotSupported("split regex not one the fast counter knows: " + re);
            }
            if (!"ByteLevel".equals(byteLevel.get("type")) || !Boolean.FALSE.equals(byteLevel.get("add_prefix_space"))
                    || Boolean.TRUE.equals(byteLevel.get("use_regex")) || byteLevel.get("use_regex") == null) {
                throw new NotSupported("second pre-tokenizer step is not ByteLevel(add_prefix_space false, use_regex false)");
            }
        }

        /** A post-processor adds tokens only when special tokens are asked for, which counting never does. */
        private void postProcessor(Object value) throws NotSupported {
            if (value == null) {
                return;
            }
            Map<?, ?> p = (Map<?, ?>) value;
            Object type = p.get("type");
            if ("ByteLevel".equals(type) || "TemplateProcessing".equals(type) || "BertProcessing".equals(type)
                    || "RobertaProcessing".equals(type)) {
                return;
            }
            if ("Sequence".equals(type) && p.get("processors") instanceof List<?> steps) {
                for (Object step : steps) {
                    postProcessor(step);
                }
                return;
            }
            throw new NotSupported("post-processor " + type);
        }

        private void model() throws JsonBytes.Malformed, NotSupported {
            sawModel = true;
            if (!in.openObject()) {
                throw new NotSupported("empty model");
            }
            String type = null;
            do {
                String key = in.key();
                switch (key) {
                    case "vocab" -> readVocab();
                    case "merges" -> {
                        if (vocab == null) {
                            mergesAt = in.position();
                            in.skip();
                        } else {
                            readMerges();
                        }
                    }
                    case "type" -> type = (String) in.value();
                    case "dropout" -> {
                        Object d = in.value();
                        if (d != null && !(d instanceof Double x && x == 0.0)) {
                            throw new NotSupported("BPE dropout");
                        }
                    }
                    case "continuing_subword_prefix", "end_of_word_suffix" -> {
                        Object s = in.value();
                        if (s != null && !"".equals(s)) {
                            throw new NotSupported("BPE " + key);
                        }
                    }
                    case "byte_fallback" -> {
                        if (Boolean.TRUE.equals(in.value())) {
                            throw new NotSupported("BPE byte_fallback");
                        }
                    }
                    case "ignore_merges" -> ignoreMerges = Boolean.TRUE.equals(in.value());
                    default -> in.skip(); // unk_token, fuse_unk: every byte has a token, so no unknowns
                }
            } while (in.more('}'));
            in.expect('}');
            if (!"BPE".equals(type)) {
                throw new NotSupported("model " + type + " (only BPE)");
            }
            if (vocab == null) {
                throw new NotSupported("BPE without vocab");
            }
            if (mergesAt >= 0) {
                int end = in.position();
                in.seek(mergesAt);
                readMerges();
                in.seek(end);
            }
        }

        private void readVocab() throws JsonBytes.Malformed, NotSupported {
            vocab = new ByteVocab();
            byte[] buf = new byte[4096];
            if (!in.openObject()) {
                return;
            }
            do {
                int n = in.byteLevel(buf, false, null);
                in.expect(':');
                int id = in.integer();
                if (n > 0) {
                    vocab.put(buf, 0, n, id);
                }
                // a token outside the byte-level alphabet (none in Qwen2 or Llama-3) can never be
                // reached from bytes; a merge that names one makes the file unsupported below
            } while (in.more('}'));
            in.expect('}');
        }

        private void readMerges() throws JsonBytes.Malformed, NotSupported {
            byte[] a = new byte[4096];
            byte[] c = new byte[8192];
            int[] split = new int[1];
            if (!in.openArray()) {
                return;
            }
            do {
                int la;
                int lb;
                if (in.peek() == '[') {
                    in.expect('[');
                    la = in.byteLevel(a, false, null);
                    in.expect(',');
                    lb = in.byteLevel(c, false, null);
                    in.expect(']');
                    if (la <= 0 || lb <= 0) {
                        throw new NotSupported("a merge with a token outside the byte-level alphabet");
                    }
                    System.arraycopy(c, 0, c, la, lb);
                    System.arraycopy(a, 0, c, 0, la);
                } else {
                    int n = in.byteLevel(c, true, split);
                    la = split[0];
                    if (n < 0 || la <= 0 || la >= n) {
                        throw new NotSupported("a merge that is not two byte-level tokens separated by a space");
                    }
                    lb = n - la;
                }
                int l = vocab.get(c, 0, la);
                int r = vocab.get(c, la, la + lb);
                int m = vocab.get(c, 0, la + lb);
                if (l < 0 || r < 0 || m < 0) {
                    throw new NotSupported("a merge whose tokens are not in the vocabulary");
                }
                if (mergeCount == left.length) {
                    int size = Math.max(1024, mergeCount * 2);
                    left = java.util.Arrays.copyOf(left, size);
                    right = java.util.Arrays.copyOf(right, size);
                    merged = java.util.Arrays.copyOf(merged, size);
                }
                left[mergeCount] = l;
                right[mergeCount] = r;
                merged[mergeCount++] = m;
            } while (in.more(']'));
            in.expect(']');
        }
    }
}
