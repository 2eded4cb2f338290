package drp.llm.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** drp's binary tokenizer cache: used when it matches the file exactly, never stale, rewritten when corrupt. */
class ByteLevelBpeCacheTest {

    private static final Path TINY_JSON = TokenizerDirs.fixture("tiny-qwen2").resolve("tokenizer.json");
    private static final List<String> TEXTS = ByteLevelBpeCounterTest.TEXTS;

    private static int[] counts(ByteLevelBpeCounter counter) {
        try (counter) {
            return counter.countAll(TEXTS);
        }
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir).filter(f -> f.toString().endsWith(".bpe"))) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    @Test
    void aSecondLoadReadsTheCacheAndCountsTheSame(@TempDir Path tmp) throws IOException {
        Path file = Files.copy(TINY_JSON, tmp.resolve("tokenizer.json"));
        ByteLevelBpeCache cache = ByteLevelBpeCache.in(tmp.resolve("cache"));
        int[] cold = counts(ByteLevelBpeLoader.tryLoad("t", file, List.of(), cache, false));
        Path cached = onlyFile(tmp.resolve("cache"));
        assertThat(cached.getFileName().toString()).endsWith(".bpe");
        var source = ByteLevelBpeCache.Source.of(file, Files.readAllBytes(file));
        assertThat(cache.read(source)).isNotNull();
        FileTime written = Files.getLastModifiedTime(cached);
        int[] warm = counts(ByteLevelBpeLoader.tryLoad("t", file, List.of(), cache, false));
        assertThat(warm).containsExactly(cold);
        assertThat(Files.getLastModifiedTime(cached)).isEqualTo(written); // read, not rewritten
        try (var rust = TokenizerLoader.loadHuggingFace(file)) {
            assertThat(warm).containsExactly(rust.countAll(TEXTS));
        }
    }

    @Test
    void aChangedFileIsNeverServedFromTheCacheEvenWithTheSameSizeAndTime(@TempDir Path tmp) throws IOException {
        Path file = Files.copy(TINY_JSON, tmp.resolve("tokenizer.json"));
        ByteLevelBpeCache cache = ByteLevelBpeCache.in(tmp.resolve("cache"));
        counts(ByteLevelBpeLoader.tryLoad("t", file, List.of(), cache, false));
        FileTime time = Files.getLastModifiedTime(file);
        // Qwen2's split becomes Llama-3's (digits in threes), five spaces of indentation less: same size
        String json = Files.readString(file);
        String changed = json.replace("\\\\p{L}+|\\\\p{N}|", "\\\\p{L}+|\\\\p{N}{1,3}|")
                .replaceFirst("\n {5}\"Regex\"", "\n\"Regex\"");
        assertThat(changed).isNotEqualTo(json).hasSameSizeAs(json);
        Files.writeString(file, changed);
        Files.setLastModifiedTime(file, time);
        var source = ByteLevelBpeCache.Source.of(file, Files.readAllBytes(file));
        assertThat(cache.read(source)).isNull();
        try (var counter = ByteLevelBpeLoader.tryLoad("t", file, List.of(), cache, false);
                var rust = TokenizerLoader.loadHuggingFace(file)) {
            assertThat(counter.countAll(TEXTS)).containsExactly(rust.countAll(TEXTS));
        }
        assertThat(cache.read(source).pattern()).isEqualTo(SplitPattern.LLAMA3); // rewritten from the new file
    }

    @Test
    void aCorruptOrTruncatedCacheFileIsIgnoredAndRewritten(@TempDir Path tmp) throws IOException {
        Path file = Files.copy(TINY_JSON, tmp.resolve("tokenizer.json"));
        ByteLevelBpeCache cache = ByteLevelBpeCache.in(tmp.resolve("cache"));
        int[] expected = counts(ByteLevelBpeLoader.tryLoad("t", file, List.of(), cache, false));
        Path cached = onlyFile(tmp.resolve("cache"));
        byte[] good = Files.readAllBytes(cached);
        var source = ByteLevelBpeCache.Source.of(file, Files.readAllBytes(file));

        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x5A;
        for (byte[] bad : List.of(flipped, java.util.Arrays.copyOf(good, good.length / 3), new byte[0], new byte[7])) {
            Files.write(cached, bad);
            assertThat(cache.read(source)).isNull();
            assertThat(counts(ByteLevelBpeLoader.tryLoad("t", file, List.of(), cache, false))).containsExactly(expected);
            assertThat(Files.readAllBytes(cached)).isEqualTo(good);
        }
    }

    @Test
    void temporaryFilesOfAKilledWriterAreCleanedUpLater(@TempDir Path tmp) throws IOException {
        Path file = Files.copy(TINY_JSON, tmp.resolve("tokenizer.json"));
        Path dir = Files.createDirectories(tmp.resolve("cache"));
        Path abandoned = Files.writeString(dir.resolve("x.bpe123.tmp"), "half");
        Path fresh = Files.writeString(dir.resolve("y.bpe456.tmp"), "being written");
        Files.setLastModifiedTime(abandoned, FileTime.fromMillis(System.currentTimeMillis() - 2 * 3_600_000L));
        counts(ByteLevelBpeLoader.tryLoad("t", file, List.of(), ByteLevelBpeCache.in(dir), false));
        assertThat(abandoned).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void theCacheGoesWhereItIsToldOrNowhere(@TempDir Path tmp) {
        String before = System.getProperty("drp.tokenizer.cache");
        try {
            System.setProperty("drp.tokenizer.cache", "off");
            assertThat(ByteLevelBpeCache.configured()).isNull();
            System.setProperty("drp.tokenizer.cache", tmp.toString());
            var source = new ByteLevelBpeCache.Source("/x/tokenizer.json", 1, 2, 3);
            assertThat(ByteLevelBpeCache.configured().fileFor(source).getParent()).isEqualTo(tmp);
            System.clearProperty("drp.tokenizer.cache");
            assertThat(ByteLevelBpeCache.configured().fileFor(source).toString()).contains("drp/tokenizers/");
        } finally {
            if (before == null) {
                System.clearProperty("drp.tokenizer.cache");
            } else {
                System.setProperty("drp.tokenizer.cache", before);
            }
        }
    }
}
