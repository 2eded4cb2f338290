package drp.llm.template;

import drp.core.sft.ExampleRenderer;
import drp.core.sft.RenderFailure;
import drp.core.sft.RenderedExample;
import drp.core.sft.SftExample;
import drp.core.trace.ThinkSplit;
import drp.llm.token.HuggingFaceTokenCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders SFT examples through the student's real chat template so that the training sequence
 * equals what the student sees and generates at inference: the prompt with the template's
 * generation prefix (e.g. R1-Distill's {@code <｜Assistant｜><think>\n}), then the rest of the
 * reply the student writes itself (the think text, {@code </think>}, the answer) and the
 * end-of-sequence token.
 *
 * <p>The template is probed once ({@link Analysis}): where the assistant's turn starts, what the
 * generation prompt prefills, how a turn ends, and whether the template strips the reasoning from
 * assistant turns (R1-Distill's {@code content.split('</think>')[-1]}); rendering a training
 * example through such a template naively would train the student to answer without reasoning,
 * so the completion is taken from the generation prompt instead, explicitly. A template whose
 * turn structure cannot be found is a {@link ChatTemplate.TemplateException} that says why.
 *
 * <p>Every example is checked ({@link #render}): the reply starts with the prefill, the think text
 * lies inside the completion (the loss region), the prompt is masked and holds the question, the
 * completion ends with the end-of-sequence token, and prompt and completion tokenized apart give
 * the same ids as the whole sequence (what trainers that tokenize them apart, e.g. LLaMA-Factory
 * and TRL, would otherwise get wrong).
 */
public final class SftRenderer implements ExampleRenderer {

    /** The version of the rendering and its checks, in the build stage's fingerprint (2: whitespace control on expression tags). */
    public static final int VERSION = 2;

    private static final String PROBE_QUESTION = "drp probe question 7f3a";
    private static final String PROBE_REPLY = "drp probe reply 7f3a";
    private static final String PROBE_THINK = "drp probe reasoning 7f3a";
    private static final Pattern MARKER = Pattern.compile("<[|｜][^<>\\s]{1,40}?[|｜]>|</?think>");

    /**
     * What the template does around an assistant turn.
     *
     * @param generationPrefix what {@code add_generation_prompt} appends (e.g. {@code <｜Assistant｜><think>\n})
     * @param turnStart        what the template writes before an assistant message's content
     * @param prefill          the part of the generation prefix the student would otherwise write
     *                         itself (generation prefix minus turn start, e.g. {@code <think>\n})
     * @param turnEnd          what the student generates after its reply: the end of an assistant
     *                         turn up to and including the end-of-sequence token
     * @param eos              the end-of-sequence token
     * @param stripsReasoning  the template removes the think text from assistant turns
     * @param splitMarkers     template markers (e.g. {@code <｜User｜>}) that the tokenizer splits
     *                         into several tokens: it lacks them as added tokens, so counts are
     *                         a few tokens above the real tokenizer's
     */
    public record Analysis(String generationPrefix, String turnStart, String prefill, String turnEnd, String eos,
                           boolean stripsReasoning, List<String> splitMarkers) {}

    /** An example that cannot be rendered faithfully; {@code reason} is a short stable key. */
    public static final class RenderException extends RenderFailure {
        public RenderException(String reason, String message) {
            super(reason, message);
        }
    }

    private final ChatTemplate template;
    private final HuggingFaceTokenCounter tokenizer;
    private final Analysis analysis;
    private final int eosId;

    /**
     * @throws ChatTemplate.TemplateException when the template's assistant turn cannot be found,
     *     or its end-of-sequence token is unknown or not one token
     */
    public SftRenderer(ChatTemplate template, HuggingFaceTokenCounter tokenizer) {
        this.template = Objects.requireNonNull(template, "template");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.analysis = analyse();
        int[] eosIds = tokenizer.encode(analysis.eos());
        if (eosIds.length != 1) {
            throw new ChatTemplate.TemplateException("the end-of-sequence token " + analysis.eos() + " is "
                    + eosIds.length + " tokens for tokenizer " + tokenizer.name() + ", not one: give the tokenizer "
                    + "the tokenizer_config.json that names it (e.g. the chat template's folder)");
        }
        this.eosId = eosIds[0];
    }

    public Analysis analysis() {
        return analysis;
    }

    /** The template and what drp found in it, for summaries. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", template.source());
        d.put("generation_prefix", analysis.generationPrefix());
        d.put("turn_start", analysis.turnStart());
        d.put("prefill", analysis.prefill());
        d.put("turn_end", analysis.turnEnd());
        d.put("eos", analysis.eos());
        d.put("strips_reasoning", analysis.stripsReasoning());
        if (analysis.stripsReasoning()) {
            d.put("note", "the template removes the reasoning from assistant turns; drp renders the completion after "
                    + "the generation prompt, so the think text is trained");
        }
        d.put("split_markers", analysis.splitMarkers());
        if (!analysis.splitMarkers().isEmpty()) {
            d.put("split_markers_note", "the tokenizer (" + tokenizer.name() + ") has no single token for these template "
                    + "markers, so token counts are a few tokens above the student's own tokenizer's per example; give a "
                    + "tokenizer that has them as added tokens for exact counts");
        }
        return d;
    }

    private Analysis analyse() {
        String src = template.source();
        List<Map<String, Object>> user = List.of(ChatTemplate.message("user", PROBE_QUESTION));
        String closed = template.render(user, false);
        String open = template.render(user, true);
        if (!open.startsWith(closed) || open.length() == closed.length()) {
            throw new ChatTemplate.TemplateException("the chat template " + src + " does not append a generation prompt "
                    + "to the conversation (add_generation_prompt adds nothing or changes earlier text): drp cannot tell "
                    + "where the student's reply starts");
        }
        String generationPrefix = open.substring(closed.length());
        String withReply = template.render(List.of(ChatTemplate.message("user", PROBE_QUESTION),
                ChatTemplate.message("assistant", PROBE_REPLY)), false);
        int at = withReply.indexOf(PROBE_REPLY);
        if (!withReply.startsWith(closed) || at < closed.length() || withReply.indexOf(PROBE_REPLY, at + 1) >= 0) {
            throw new ChatTemplate.TemplateException("the chat template " + src + " does not render an assistant reply "
                    + "once, after the conversation before it: drp cannot find the assistant's turn");
        }
        String turnStart = withReply.substring(closed.length(), at);
        String after = withReply.substring(at + PROBE_REPLY.length());
        if (!generationPrefix.startsWith(turnStart)) {
            throw new ChatTemplate.TemplateException("the chat template " + src + " starts an assistant turn with "
                    + quote(turnStart) + " but its generation prompt is " + quote(generationPrefix)
                    + ": drp cannot line up the training sequence with what the student sees at inference");
        }
        String prefill = generationPrefix.substring(turnStart.length());
        String eos = template.specialToken("eos_token").orElseThrow(() -> new ChatTemplate.TemplateException(
                "the chat template " + src + " comes without an eos_token (no tokenizer_config.json names one): "
                        + "name the end-of-sequence token (--eos)"));
        int eosAt = after.indexOf(eos);
        if (eosAt < 0) {
            throw new ChatTemplate.TemplateException("the chat template " + src + " ends an assistant turn with "
                    + quote(after) + ", which does not contain the end-of-sequence token " + eos
                    + ": the student would never learn to stop; name the token it ends turns with (--eos)");
        }
        String turnEnd = after.substring(0, eosAt + eos.length());
        String reasoned = template.render(List.of(ChatTemplate.message("user", PROBE_QUESTION),
                ChatTemplate.message("assistant", ThinkSplit.OPEN + "\n" + PROBE_THINK + "\n" + ThinkSplit.CLOSE
                        + "\n\n" + PROBE_REPLY)), false);
        boolean strips = !reasoned.contains(PROBE_THINK);
        Set<String> split = new LinkedHashSet<>();
        Matcher m = MARKER.matcher(closed + generationPrefix + turnStart + turnEnd);
        while (m.find()) {
            if (tokenizer.encode(m.group()).length > 1) {
                split.add(m.group());
            }
        }
        return new Analysis(generationPrefix, turnStart, prefill, turnEnd, eos, strips, List.copyOf(split));
    }

    /**
     * Renders and checks one example.
     *
     * @throws RenderException when the example cannot be rendered faithfully (its reason says why)
     */
    @Override
    public RenderedExample render(SftExample example) {
        List<Map<String, Object>> context = new ArrayList<>();
        List<SftExample.Message> messages = example.messages();
        for (SftExample.Message msg : messages.subList(0, messages.size() - 1)) {
            context.add(ChatTemplate.message(msg.role(), msg.content()));
        }
        String reply = example.assistant();
        String prompt = template.render(context, true);
        if (!reply.startsWith(analysis.prefill())) {
            throw new RenderException("no_prefill", "example " + example.id() + ": the generation prompt prefills "
                    + quote(analysis.prefill()) + " but the reply starts " + quote(reply.substring(0, Math.min(20, reply.length()))));
        }
        String completion = reply.substring(analysis.prefill().length()) + analysis.turnEnd();
        if (!analysis.stripsReasoning()) {
            List<Map<String, Object>> all = new ArrayList<>(context);
            all.add(ChatTemplate.message("assistant", reply));
            String full = template.render(all, false);
            String expected = template.render(context, false) + analysis.turnStart() + reply + analysis.turnEnd();
            if (!full.startsWith(expected)) {
                throw new RenderException("template_mismatch", "example " + example.id() + ": the template renders this "
                        + "reply otherwise than the generation prompt followed by the reply");
            }
        }
        ThinkSplit split = ThinkSplit.of(reply);
        String think = split.think().strip();
        if (split.hasThink() && !think.isEmpty() && !completion.contains(think)) {
            throw new RenderException("think_outside_loss", "example " + example.id() + ": the think text is not in the completion");
        }
        if (!prompt.contains(example.question())) {
            throw new RenderException("question_not_in_prompt", "example " + example.id() + ": the prompt does not hold the question");
        }
        int[] promptIds = tokenizer.encode(prompt);
        int[] completionIds = tokenizer.encode(completion);
        int[] allIds = tokenizer.encode(prompt + completion);
        if (promptIds.length == 0) {
            throw new RenderException("empty_prompt", "example " + example.id() + ": the prompt has no tokens to mask");
        }
        if (completionIds.length == 0 || completionIds[completionIds.length - 1] != eosId) {
            throw new RenderException("no_eos", "example " + example.id() + ": the completion does not end with "
                    + analysis.eos());
        }
        int[] joined = Arrays.copyOf(promptIds, promptIds.length + completionIds.length);
        System.arraycopy(completionIds, 0, joined, promptIds.length, completionIds.length);
        if (!Arrays.equals(joined, allIds)) {
            throw new RenderException("token_boundary", "example " + example.id() + ": prompt and completion tokenized apart "
                    + "differ from the whole sequence tokenized at once (a token spans the boundary)");
        }
        return new RenderedExample(example.id(), prompt, completion, promptIds.length, completionIds.length);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }
}
