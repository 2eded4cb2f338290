package drp.tiny.world;

import drp.core.answer.AnswerFormat;
import drp.core.answer.BasicAnswerChecker;
import drp.core.teacher.HeuristicTeacher;
import drp.core.teacher.TeacherResult;
import drp.tiny.TinyFixtures;
import drp.tiny.token.TinyTokenizer;
import java.util.*;

public class PruneProbe {
    public static void main(String[] args) {
        HeuristicTeacher teacher = HeuristicTeacher.of(HeuristicTeacher.Options.defaults(AnswerFormat.THE_ANSWER_IS), new BasicAnswerChecker());
        TinyTokenizer tok = TinyFixtures.tokenizer();
        List<WordProblem> problems = new World(WorldConfig.defaults()).train(5, 300);
        int ok = 0, complete = 0; long before = 0, after = 0; Map<String, Integer> fails = new TreeMap<>();
        int shown = 0;
        for (WordProblem p : problems) {
            Trace t = World.nativeTrace(p, 1);
            var trace = new drp.core.trace.Trace(p.id(), p.question(), t.think(), t.finalLine(), p.answerText(), p.answerText(), true, true);
            TeacherResult r = teacher.prune(trace);
            if (r instanceof TeacherResult.Pruned pr) {
                ok++;
                String text = pr.synthesis().text();
                boolean all = p.steps().stream().allMatch(s -> text.contains(s.equation()));
                if (all) complete++;
                before += tok.count(t.think());
                after += tok.count(text);
                if ((!all && shown < 3) || shown < 1) { shown++; System.out.println("=== " + p.question() + "\n--- native:\n" + t.think() + "\n--- pruned:\n" + text + "\n complete=" + all); }
            } else if (r instanceof TeacherResult.Failed f) {
                fails.merge(f.reason(), 1, Integer::sum);
            }
        }
        System.out.printf("pruned %d/%d, with every gold step %d, tokens %d -> %d (%.1f%% fewer), failures %s%n", ok, problems.size(), complete, before, after, 100.0 * (before - after) / before, fails);
    }
}
