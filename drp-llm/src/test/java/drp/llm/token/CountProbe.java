package drp.llm.token;

import java.nio.file.Path;

/**
 * Prints the token count of a text: {@code CountProbe TOKENIZER TEXT [--rust]}, with the counter
 * {@code TokenizerLoader.load} picks, or with the Rust library. Run in a child JVM by tests.
 */
public final class CountProbe {

    private CountProbe() {}

    public static void main(String[] args) {
        boolean rust = args.length > 2 && args[2].equals("--rust");
        try (ExactTokenCounter counter = rust ? TokenizerLoader.loadHuggingFace(Path.of(args[0]))
                : TokenizerLoader.load(Path.of(args[0]))) {
            System.out.println(counter.count(args[1]));
        }
    }
}
