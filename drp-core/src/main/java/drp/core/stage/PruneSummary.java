package drp.core.stage;

import java.util.Map;

/**
 * The figures of a prune run, as written to summary.json (stable snake_case keys). They account
 * for every input record: {@code traces_read = traces_in + sum(skipped)} and {@code traces_in =
 * traces_out + sum(failures) + pending}.
 *
 * @param tracesRead       input records: every non-blank line, malformed ones included
 * @param inputErrors      malformed input lines skipped (lenient mode); also {@code skipped.malformed_line}
 * @param skipped          records not selected, by reason: {@code malformed_line}, {@code not_correct}
 * @param tracesIn         traces selected for pruning (correct ones unless all were asked for)
 * @param tracesOut        selected traces pruned with a valid plan
 * @param failures         selected traces recorded without a valid plan, by reason
 * @param pending          selected traces with no record yet: their calls failed, were deferred to a
 *                         batch job, or the run stopped early; a rerun takes them up
 * @param stepsPerTrace    mean number of steps per pruned trace
 * @param actions          decisions by action, over all pruned traces
 * @param actionsBySkill   decisions by skill, then action
 * @param tokenizer        what counted tokens ({@code characters} when no tokenizer was given)
 * @param tokensBefore     total tokens of the original think texts of pruned traces
 * @param tokensAfter      total tokens of their synthesized texts
 * @param reduction        1 - after / before
 * @param answersPreserved pruned traces whose synthesized answer equals the original
 */
public record PruneSummary(long tracesRead, long inputErrors, Map<String, Long> skipped, long tracesIn, long tracesOut,
                           Map<String, Long> failures, long pending, double stepsPerTrace, Map<String, Long> actions,
                           Map<String, Map<String, Long>> actionsBySkill, String tokenizer, long tokensBefore,
                           long tokensAfter, double reduction, long answersPreserved) {

    /** Records not selected, all reasons together. */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Selected traces recorded as failed, all reasons together. */
    public long failedTotal() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }
}
