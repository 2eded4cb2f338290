package drp.core.sft;

/**
 * Renders an example as the student's tokenizer sees it (port; drp-llm's
 * {@code drp.llm.template.SftRenderer} renders through the student's chat template and checks
 * every example).
 */
public interface ExampleRenderer {

    /**
     * The example's training sequence: the masked prompt and the trained completion, with exact
     * token counts.
     *
     * @throws RenderFailure when it cannot be rendered faithfully
     */
    RenderedExample render(SftExample example);
}
