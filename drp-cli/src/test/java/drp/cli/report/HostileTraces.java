package drp.cli.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.core.io.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Traces whose text tries to run script in the report; the report must show them as text. */
public final class HostileTraces {

    public static final String SCRIPT = "<script>window.pwned=1</script>";
    public static final String IMG = "<img src=x onerror=\"window.pwned=1\">";
    public static final String CLOSE = "</script>";
    public static final String ID = "evil-1";

    private HostileTraces() {}

    /** A prune input (R1 style) of one correct trace carrying every hostile string, and one plain trace. */
    public static Path write(Path file) throws IOException {
        ObjectNode evil = JsonCodec.MAPPER.createObjectNode();
        evil.put("problem_id", ID);
        evil.put("problem", "Tom has 3 apples " + SCRIPT + " and buys 4 more. How many apples " + CLOSE + " does he have?");
        evil.put("think", "Okay, let me think " + SCRIPT + " about this.\n\n"
                + "Tom starts with 3 apples " + IMG + " and buys 4 more, so 3 + 4 = 7.\n\n"
                + "Wait, let me double-check " + CLOSE + " that: 7 - 4 = 3. Yes.\n\n"
                + "So the answer is \\boxed{7}.");
        evil.put("model_answer", "7");
        evil.put("gt_answer", "7");
        evil.put("is_correct", true);
        evil.put("finished_thinking", true);
        ObjectNode plain = evil.deepCopy();
        plain.put("problem_id", "plain-1");
        plain.put("problem", "Ann has 2 pens and buys 5 more. How many pens does she have?");
        plain.put("think", "Okay, let me see.\n\nAnn has 2 pens and buys 5 more, so 2 + 5 = 7.\n\n"
                + "Let me verify: 7 - 5 = 2. Correct.\n\nSo the answer is \\boxed{7}.");
        Files.writeString(file, JsonCodec.MAPPER.writeValueAsString(evil) + "\n"
                + JsonCodec.MAPPER.writeValueAsString(plain) + "\n");
        return file;
    }
}
