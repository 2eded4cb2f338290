package drp.llm.token;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Random texts for holding the fast counter to the Rust library: fragments from an alphabet of
 * the cases where a tokenizer goes wrong (Unicode categories, NFC, whitespace runs, contractions,
 * special tokens mid-text, lone surrogates), joined at random.
 */
final class NastyTexts {

    private NastyTexts() {}

    static final List<String> FRAGMENTS = List.of(
            // ASCII words, digits, punctuation, contractions in every case
            "a", "in", "The", "x", "Hello", "world", "HTTP", "0", "7", "42", "2024", "3.14159", "1,000,000",
            ",", ".", "!", "?", "...", "$", "\\frac{1}{2}", "$$", "x^2", "(", ")", "{", "}", "<", ">", "/", "*", "-", "_",
            "'", "'s", "'S", "'t", "'T", "'re", "'RE", "'Re", "'ve", "'VE", "'m", "'M", "'ll", "'LL", "'lL", "'d", "'D",
            "'\u017F", "\u017F", "don't", "I'M", "'x", "''", "\"",
            // whitespace: runs, line breaks, Unicode spaces, and controls that are not White_Space
            " ", " ", " ", "  ", "   ", "    ", "        ", "\t", "\n", "\n", "\n\n", "\r\n", "\r", "\r\n\r\n", " \n ",
            "\u3000", "\u00A0", "\u2028", "\u2029", "\u0085", "\u000B", "\u000C", "\u001C", "\u001F", "\u200B",
            "\u2009", "\u202F", "\u1680", "\u180E", "\uFEFF", "\u00AD", "\u0000",
            // numbers of every category
            "\u0661\u0662\u0663", "\u00BD", "\u00B2", "\u216B", "\uD835\uDFD9", "\u2460", "\u0967",
            // CJK, other scripts, supplementary letters
            "数学", "漢字", "\uD840\uDC00", "한국어", "ひらがな", "カタカナ", "中文，标点。", "Ελληνικά", "русский", "עברית",
            "العربية", "हिन्दी", "ไทย", "ß", "\u0130", "\u212A", "\u2126", "ﬁ", "Æ",
            // emoji: skin tones, ZWJ sequences, flags, variation selectors
            "🚀", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "❤️", "🇩🇪", "😀😀", "🧑🏿‍🔬",
            // accents precomposed and decomposed (NFC), combining marks alone, Hangul jamo, compatibility chars
            "é", "e\u0301", "Å", "A\u030A", "\u212B", "n\u0303", "\u0301", "\u0308\u0308", "\u1100\u1161", "\u1100\u1161\u11A8",
            "\u0344", "\u0958", "\uFB01", "\u2126",
            // math symbols
            "≤", "∑", "√", "∞", "→", "×", "÷", "±",
            // special tokens of Qwen2.5 and R1 (added only where a test adds them)
            "<|im_end|>", "<|im_start|>", "<|endoftext|>", "<think>", "</think>", "<｜end▁of▁sentence｜>", "<|im_end",
            // lone surrogates
            "\uD800", "\uDC00", "\uDBFF");

    /** Texts of 0 to {@code maxFragments} fragments. */
    static Arbitrary<String> texts(int maxFragments) {
        Arbitrary<String> fragment = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(FRAGMENTS)),
                Tuple.of(1, Arbitraries.integers().between(0, 0x2FFFF)
                        .filter(Character::isValidCodePoint).map(Character::toString)),
                Tuple.of(1, Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(4)
                        .flatMap(parts -> Arbitraries.integers().between(2, 40).map(n -> String.join("", parts).repeat(n)))));
        return fragment.list().ofMaxSize(maxFragments).map(parts -> String.join("", parts));
    }
}
