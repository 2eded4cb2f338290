package drp.core.grade;

import drp.core.io.ErrorPolicy;
import drp.core.io.JsonCodec;
import drp.core.io.JsonlReader;
import drp.core.io.JsonlRecord;
import drp.core.io.ReadResult;
import java.nio.file.Path;

/** Reads graded JSONL files back. */
public final class GradedRecords {

    private GradedRecords() {}

    /** The graded records of {@code file}; a malformed line is an error naming file:line. */
    public static ReadResult<GradedRecord> read(Path file, ErrorPolicy policy) {
        return JsonlReader.read(file, policy, GradedRecords::convert);
    }

    private static GradedRecord convert(JsonlRecord record) {
        for (String field : new String[] {"id", "benchmark", "problem_id", "gold", "verdict", "reason"}) {
            record.requireText(field);
        }
        try {
            return JsonCodec.convert(record.node(), GradedRecord.class);
        } catch (IllegalArgumentException e) {
            throw record.error(null, "not a graded record: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        int detail = message == null ? -1 : message.indexOf("\n");
        return detail < 0 ? String.valueOf(message) : message.substring(0, detail);
    }
}
