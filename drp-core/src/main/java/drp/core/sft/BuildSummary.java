package drp.core.sft;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the build stage did with every input record: {@code read = written + sum(dropped)}.
 *
 * @param read    input records (pruned traces, or problems with a solution)
 * @param written examples written to sft.jsonl
 * @param dropped records not written, by reason ({@code prune_failed}, {@code unfinished}, {@code answer_changed},
 *                {@code wrong_answer}, {@code no_gold}, {@code too_short}, {@code too_long},
 *                {@code duplicate}, {@code no_solution})
 * @param tokens  assistant tokens of the written examples, in all
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BuildSummary(int read, int written, Map<String, Integer> dropped, long tokens) {
    public BuildSummary {
        dropped = new TreeMap<>(dropped);
        int sum = written + dropped.values().stream().mapToInt(Integer::intValue).sum();
        if (sum != read) {
            throw new IllegalStateException("build counts do not add up: read " + read + ", written " + written
                    + ", dropped " + dropped);
        }
    }
}
