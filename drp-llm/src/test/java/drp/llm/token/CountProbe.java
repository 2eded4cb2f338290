package drp.llm.token;

import java.nio.file.Path;

/** Prints the token count of a text: {@code CountProbe TOKENIZER TEXT}. Run in a child JVM by tests. */
public final class CountProbe {

    private CountProbe() {}

    public static void main(String[] args) {
        try (ExactTokenCounter counter = TokenizerLoader.load(Path.of(args[0]))) {
            System.out.println(counter.count(args[1]));
        }
    }
}
