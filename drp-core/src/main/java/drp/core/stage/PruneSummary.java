package drp.core.stage;

import java.util.Map;

/**
 * The figures of a prune run, as written to summary.json (stable snake_case keys).
 *
 * @param tracesRead       records read from the input (after skipping malformed lines)
 * @param inputErrors      malformed input lines skipped (lenient mode)
 * @param tracesIn         traces selected for pruning (correct ones unless all were asked for)
 * @param tracesOut        traces pruned with a valid plan
 * @param failures         traces without a valid plan, by reason
 * @param stepsPerTrace    mean number of steps per pruned trace
 * @param actions          decisions by action, over all pruned traces
 * @param actionsBySkill   decisions by skill, then action
 * @param tokenizer        what counted tokens ({@code characters} when no tokenizer was given)
 * @param tokensBefore     total tokens of the original think texts of pruned traces
 * @param tokensAfter      total tokens of their synthesized texts
 * @param reduction        1 - after / before
 * @param answersPreserved pruned traces whose synthesized answer equals the original
 */
public record PruneSummary(long tracesRead, long inputErrors, long tracesIn, long tracesOut,
                           Map<String, Long> failures, double stepsPerTrace, Map<String, Long> actions,
                           Map<String, Map<String, Long>> actionsBySkill, String tokenizer, long tokensBefore,
                           long tokensAfter, double reduction, long answersPreserved) {}
