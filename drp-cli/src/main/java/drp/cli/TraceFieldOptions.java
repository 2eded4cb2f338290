package drp.cli;

import drp.core.trace.TraceFields;
import picocli.CommandLine.Option;

/** Field mapping for trace files: which JSON field holds what. */
final class TraceFieldOptions {

    @Option(names = "--id-field", paramLabel = "NAME", description = "Field with a stable id (default: id, trace_id, problem_id or unique_id; else a content hash).")
    String id;

    @Option(names = "--sample-field", paramLabel = "NAME", description = "Field with the sample index of a record among several"
            + " outputs for one problem; the trace id becomes ID#INDEX (default: sample_index, sample, sample_idx or completion_index).")
    String sample;

    @Option(names = "--question-field", paramLabel = "NAME", description = "Field with the problem (default: question, problem, query or instruction).")
    String question;

    @Option(names = "--trace-field", paramLabel = "NAME", description = "Field with the think text alone (default: think, think_text, reasoning or reasoning_content).")
    String think;

    @Option(names = "--output-field", paramLabel = "NAME", description = "Field with the full model output, split at </think> (used when there is no think field).")
    String output;

    @Option(names = "--answer-field", paramLabel = "NAME", description = "Field with the trace's own extracted answer (default: model_answer, extracted_answer, pred; else extracted from the output).")
    String answer;

    @Option(names = "--gold-field", paramLabel = "NAME", description = "Field with the gold answer (default: gt_answer, gold, gold_answer or answer).")
    String gold;

    TraceFields fields() {
        TraceFields f = TraceFields.defaults();
        if (id != null) f = f.withId(id);
        if (sample != null) f = f.withSample(sample);
        if (question != null) f = f.withQuestion(question);
        if (think != null) f = f.withThink(think);
        if (output != null) f = f.withOutput(output);
        if (answer != null) f = f.withAnswer(answer);
        if (gold != null) f = f.withGold(gold);
        return f;
    }
}
