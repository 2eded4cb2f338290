package drp.llm.token;

import java.util.List;

/**
 * Everything the fast counter needs from a byte-level BPE tokenizer.json, and nothing else: what
 * {@link ByteLevelBpeJson} reads from the file, and what {@link ByteLevelBpeCache} stores.
 *
 * @param pattern the pre-tokenizer's split
 * @param nfc whether the normalizer is NFC (else there is none)
 * @param ignoreMerges whether a word that is itself in the vocabulary is one token (Llama-3)
 * @param byteIds the id of each of the 256 one-byte tokens
 * @param merges the merges, as their table
 * @param vocab the vocabulary as bytes, for {@code ignoreMerges}; null otherwise
 * @param added the added and special tokens, in tokenizer.json's order
 */
record ByteLevelBpeSpec(
        SplitPattern pattern, boolean nfc, boolean ignoreMerges, int[] byteIds, BpeMerges merges, ByteVocab vocab,
        List<AddedToken> added) {

    /** This tokenizer with {@code more} added tokens after its own, contents it already has skipped. */
    ByteLevelBpeSpec withAdded(List<AddedToken> more) {
        if (more.isEmpty()) {
            return this;
        }
        var all = new java.util.ArrayList<>(added);
        var contents = new java.util.HashSet<String>();
        added.forEach(t -> contents.add(t.content()));
        for (AddedToken token : more) {
            if (contents.add(token.content())) {
                all.add(token);
            }
        }
        return new ByteLevelBpeSpec(pattern, nfc, ignoreMerges, byteIds, merges, vocab, List.copyOf(all));
    }
}
