package drp.core.sft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second half of the build when the student's chat template is known: every example the
 * filters kept is rendered as the student sees it ({@link ExampleRenderer}); one that cannot be
 * rendered faithfully is dropped under its reason, and one whose whole sequence is longer than the
 * trainer's cutoff is dropped as {@code over_cutoff}, never truncated (a trainer cutting it would
 * cut the answer and the end-of-sequence token first).
 */
public final class SftRendering {

    /** The examples kept, their renderings (same order), and the summary of the whole build. */
    public record Result(List<SftExample> examples, List<RenderedExample> rendered, BuildSummary summary) {
        public Result {
            examples = List.copyOf(examples);
            rendered = List.copyOf(rendered);
        }
    }

    private SftRendering() {}

    /**
     * @param built    the filtered examples and what the filters dropped
     * @param cutoff   the most tokens of a whole training sequence (the trainer's cutoff), or 0 for no bound
     */
    public static Result apply(BuildStage.Result built, ExampleRenderer renderer, int cutoff) {
        if (cutoff < 0) {
            throw new IllegalArgumentException("the cutoff must be >= 0, got " + cutoff);
        }
        List<SftExample> kept = new ArrayList<>();
        List<RenderedExample> rendered = new ArrayList<>();
        Map<String, Integer> dropped = new LinkedHashMap<>(built.summary().dropped());
        long tokens = 0;
        for (SftExample e : built.examples()) {
            RenderedExample r;
            try {
                r = renderer.render(e);
            } catch (RenderFailure f) {
                dropped.merge(f.reason(), 1, Integer::sum);
                continue;
            }
            if (cutoff > 0 && r.tokens() > cutoff) {
                dropped.merge("over_cutoff", 1, Integer::sum);
                continue;
            }
            kept.add(e);
            rendered.add(r);
            tokens += r.tokens();
        }
        return new Result(kept, rendered, new BuildSummary(built.summary().read(), kept.size(), dropped, tokens));
    }
}
