package drp.llm.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The two merge loops (the scan for short words, HuggingFace's heap for long ones) agree. */
class BpeMergesTest {

    private static final ByteLevelBpeSpec SPEC = spec();
    private static final BpeMerges MERGES = SPEC.merges();

    private static ByteLevelBpeSpec spec() {
        try {
            return ByteLevelBpeJson.read(Files.readAllBytes(TokenizerDirs.fixture("tiny-qwen2").resolve("tokenizer.json")));
        } catch (IOException | ByteLevelBpeJson.NotSupported e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<byte[]> words() {
        // the letters and spaces that the tiny model's 300 merges join most
        return Arbitraries.of((byte) 'a', (byte) 'e', (byte) 'i', (byte) 'n', (byte) 't', (byte) 'r', (byte) 's',
                        (byte) ' ', (byte) 'o', (byte) 'h', (byte) 0xC3, (byte) 0xA9)
                .array(byte[].class).ofMinSize(0).ofMaxSize(200);
    }

    @Property(tries = 1000)
    void scanAndHeapGiveTheSameCount(@ForAll("words") byte[] word) {
        int[] a = ids(word);
        int[] b = ids(word);
        BpeMerges.Scratch scratch = new BpeMerges.Scratch();
        int byScan = word.length <= 1 ? word.length : MERGES.countByScan(a, word.length, scratch);
        int byHeap = word.length <= 1 ? word.length : MERGES.countByHeap(b, word.length, scratch);
        assertThat(byScan).isEqualTo(byHeap);
    }

    @Test
    void aPairListedTwiceKeepsItsLastRankAndResultAsTheRustMapDoes() {
        BpeMerges merges = BpeMerges.build(new int[] {1, 2, 1}, new int[] {2, 3, 2}, new int[] {10, 11, 12}, 3);
        assertThat(merges.size()).isEqualTo(2);
        assertThat(merges.rankOf(1, 2)).isEqualTo(2);
        assertThat(merges.rankOf(2, 3)).isEqualTo(1);
        assertThat(merges.rankOf(3, 1)).isEqualTo(-1);
        // (2,3) now ranks first: [1,2,3] -> [1,11], which has no merge
        assertThat(merges.count(new int[] {1, 2, 3}, 3, new BpeMerges.Scratch())).isEqualTo(2);
        assertThat(merges.countByHeap(new int[] {1, 2, 3, 1, 2}, 5, new BpeMerges.Scratch())).isEqualTo(3);
    }

    @Test
    void aTableCopiedAsArraysIsTheSameTable() {
        BpeMerges copy = BpeMerges.ofTable(MERGES.keys().clone(), MERGES.ranks().clone(), MERGES.merged().clone(),
                MERGES.size());
        for (int l = 0; l < 300; l++) {
            for (int r = 0; r < 300; r++) {
                assertThat(copy.rankOf(l, r)).isEqualTo(MERGES.rankOf(l, r));
            }
        }
    }

    private static int[] ids(byte[] word) {
        int[] ids = new int[word.length];
        for (int i = 0; i < word.length; i++) {
            ids[i] = SPEC.byteIds()[word[i] & 0xFF];
        }
        return ids;
    }
}
