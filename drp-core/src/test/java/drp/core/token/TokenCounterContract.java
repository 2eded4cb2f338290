package drp.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The suite every {@link TokenCounter} adapter must pass: extend it and return the adapter from
 * {@link #counter()}. It holds for any tokenizer, so it checks relations between counts rather
 * than exact figures; adapters add their exact reference tests beside it.
 *
 * <p>{@link #counter()} is called by every test: an expensive counter should be cached in a
 * static field by the subclass. A counter that needs absent data may skip by throwing an
 * assumption failure from {@link #counter()}.
 */
public abstract class TokenCounterContract {

    /** The adapter under test. */
    protected abstract TokenCounter counter();

    /** Texts the checks run on; adapters may add texts their tokenizer finds hard. */
    protected List<String> samples() {
        return List.of(
                "Hello world",
                " leading space",
                "trailing spaces   ",
                "\n\n\t  \n",
                "x = 3.14 * (2 + 7) / 12",
                "The answer is $\\boxed{\\frac{3}{4}}$.",
                "Wait, let me double-check: 12 * 12 = 144. Yes.",
                "Führer naïve café — “quotes” …",
                "数学问题：求解方程 x² = 4。",
                "🚀 emoji 👩‍👩‍👧 and ⅓ ½",
                "a",
                "1234567890",
                "Okay, so I need to find the value of x.\n\nFirst, let's write down what we know.");
    }

    @Test
    void nameIsShortAndPrintable() {
        assertThat(counter().name()).isNotBlank().hasSizeLessThanOrEqualTo(80).doesNotContain("\n");
    }

    @Test
    void emptyTextCountsZero() {
        assertThat(counter().count("")).isZero();
        assertThat(counter().countAll(List.of(""))).containsExactly(0);
    }

    @Test
    void countAllOfNoTextsIsEmpty() {
        assertThat(counter().countAll(List.of())).isEmpty();
    }

    @Test
    void nonEmptyTextsCountAtLeastOneAndAtMostTheirBytesPlusOne() {
        for (String text : samples()) {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            assertThat(counter().count(text)).as("count of %s", quoted(text)).isBetween(1, bytes + 1);
        }
    }

    @Test
    void countAllIsCountElementWiseInInputOrder() {
        List<String> texts = new ArrayList<>(samples());
        texts.add("");
        texts.add(repeat(samples(), 40));
        texts.addAll(samples());
        Collections.shuffle(texts, new Random(7));
        int[] expected = texts.stream().mapToInt(counter()::count).toArray();
        assertThat(counter().countAll(texts)).containsExactly(expected);
    }

    @Test
    void longTextIsNotTruncated() {
        String unit = String.join("\n", samples()) + "\n\n";
        int copies = 1;
        int once = counter().count(unit);
        // grow until well past every usual cap (512, 4096, 8192, 16384)
        while (counter().count(unit.repeat(copies)) <= 20_000 && copies < 1 << 10) {
            copies *= 2;
        }
        int single = counter().count(unit.repeat(copies));
        int dbl = counter().count(unit.repeat(2 * copies));
        assertThat(single).as("tokens of %d copies (%d each)", copies, once).isGreaterThan(20_000);
        // a repeated text grows linearly; only the joins may merge differently
        assertThat(dbl).as("tokens of twice the text").isBetween(2 * single - copies - 8, 2 * single + copies + 8);
        assertThat(counter().countAll(List.of(unit.repeat(2 * copies), unit))).containsExactly(dbl, once);
    }

    @Test
    void concurrentCallsAgreeWithSequentialOnes() throws Exception {
        List<String> texts = new ArrayList<>(samples());
        texts.add(repeat(samples(), 20));
        int[] expected = texts.stream().mapToInt(counter()::count).toArray();
        int threads = 8;
        List<Callable<Boolean>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(t);
            boolean batched = t % 2 == 0;
            jobs.add(() -> {
                for (int round = 0; round < 25; round++) {
                    if (batched) {
                        assertThat(counter().countAll(texts)).containsExactly(expected);
                    } else {
                        int i = random.nextInt(texts.size());
                        assertThat(counter().count(texts.get(i))).isEqualTo(expected[i]);
                    }
                }
                return true;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<Boolean> result : pool.invokeAll(jobs)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countsAreDeterministic() {
        for (String text : samples()) {
            int first = counter().count(text);
            for (int i = 0; i < 3; i++) {
                assertThat(counter().count(text)).as("count of %s, call %d", quoted(text), i + 2).isEqualTo(first);
            }
        }
    }

    /*
     * Seeded random texts rather than a jqwik property: an adapter whose counter() skips (no
     * shared data) must skip here too, and jqwik turns a skip into rejected tries.
     */
    @Test
    void countAllAgreesWithCountOnRandomTexts() {
        Random random = new Random(2505_13975L);
        for (int round = 0; round < 100; round++) {
            List<String> texts = new ArrayList<>();
            int size = random.nextInt(7);
            for (int i = 0; i < size; i++) {
                texts.add(randomText(random, random.nextInt(60)));
            }
            int[] expected = texts.stream().mapToInt(counter()::count).toArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(expected[i]).as("count of %s", quoted(texts.get(i))).isNotNegative();
            }
            assertThat(counter().countAll(texts)).as("countAll of %s", texts).containsExactly(expected);
        }
    }

    /** Mixed scripts, digits, punctuation, whitespace runs and astral code points. */
    private static String randomText(Random random, int codePoints) {
        int[][] ranges = {{0x20, 0x7E}, {0x09, 0x0D}, {0xA0, 0x24F}, {0x391, 0x3C9}, {0x400, 0x44F},
            {0x4E00, 0x4FFF}, {0x2200, 0x22FF}, {0x1F300, 0x1F64F}, {0x20, 0x20}};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int[] range = ranges[random.nextInt(ranges.length)];
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return text.toString();
    }

    private static String repeat(List<String> texts, int times) {
        return String.join(" ", texts).repeat(times);
    }

    private static String quoted(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return "\"" + shown.replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
