package drp.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.core.io.JsonCodec;
import drp.core.prune.Action;
import drp.core.prune.PrunedStep;
import drp.core.prune.StepDecision;
import drp.core.stage.PrunedRecord;
import drp.core.step.Skill;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The trace viewer's data: every pruned trace of every arm, compact, as JSON for a
 * {@code <script type="application/json">} block. Nothing is duplicated that the page can rebuild:
 * the original trace is its steps, a pruned step that keeps its source verbatim has no text of its
 * own ({@code 0}), the synthesized trace is given only when it is not its steps joined by a blank
 * line. Shape (arrays, trailing nulls dropped):
 * <pre>
 * {"skills": [names], "actions": [names],
 *  "traces": [{"id", "arm", "q", "st": "ok"|"failed", "fr", "fd", "a", "g", "tb", "ta", "ap",
 *              "s": [[text, skill, action, rewrite, [merged group]]],
 *              "p": [[text | 0, [sources], action]], "syn"}]}
 * </pre>
 */
final class ViewerData {

    private ViewerData() {}

    static String json(Map<String, List<PrunedRecord>> arms) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode skills = root.putArray("skills");
        for (Skill s : Skill.values()) {
            skills.add(s.name());
        }
        ArrayNode actions = root.putArray("actions");
        for (Action a : Action.values()) {
            actions.add(a.name());
        }
        ArrayNode traces = root.putArray("traces");
        arms.forEach((arm, records) -> records.forEach(r -> traces.add(trace(f, arm, r))));
        try {
            return Html.scriptJson(JsonCodec.MAPPER.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode trace(JsonNodeFactory f, String arm, PrunedRecord r) {
        ObjectNode t = f.objectNode();
        t.put("id", r.id());
        t.put("arm", arm);
        t.put("q", r.question());
        t.put("st", r.status());
        if (!r.ok()) {
            t.put("fr", r.failureReason());
            t.put("fd", r.failureDetail());
        }
        t.put("a", r.answer());
        t.put("g", r.gold());
        if (r.tokensBefore() != null) {
            t.put("tb", r.tokensBefore());
        }
        if (r.tokensAfter() != null) {
            t.put("ta", r.tokensAfter());
        }
        if (r.answerPreserved() != null) {
            t.put("ap", r.answerPreserved());
        }
        Map<Integer, StepDecision> decisions = new HashMap<>();
        r.decisions().forEach(d -> decisions.putIfAbsent(d.step(), d));
        ArrayNode steps = t.putArray("s");
        for (PrunedRecord.StepView s : r.steps()) {
            ArrayNode step = steps.addArray();
            step.add(s.text());
            step.add(s.skill() == null ? -1 : s.skill().ordinal());
            StepDecision d = decisions.get(s.index());
            step.add(d == null ? -1 : d.action().ordinal());
            if (d != null && (d.rewrite() != null || !d.merged().isEmpty())) {
                step.add(d.rewrite());
                if (!d.merged().isEmpty()) {
                    ArrayNode group = step.addArray();
                    d.merged().forEach(group::add);
                }
            }
        }
        ArrayNode pruned = t.putArray("p");
        for (PrunedStep p : r.prunedSteps()) {
            ArrayNode step = pruned.addArray();
            boolean verbatim = p.sources().size() == 1 && p.sources().getFirst() >= 0
                    && p.sources().getFirst() < r.steps().size()
                    && r.steps().get(p.sources().getFirst()).text().strip().equals(p.text());
            if (verbatim) {
                step.add(0);
            } else {
                step.add(p.text());
            }
            ArrayNode sources = step.addArray();
            p.sources().forEach(sources::add);
            step.add(p.action().ordinal());
        }
        if (r.synthesized() != null) {
            String joined = r.prunedSteps().stream().map(PrunedStep::text).collect(Collectors.joining("\n\n"));
            if (!joined.equals(r.synthesized())) {
                t.put("syn", r.synthesized());
            }
        }
        return t;
    }
}
