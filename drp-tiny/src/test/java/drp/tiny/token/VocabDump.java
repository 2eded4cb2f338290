package drp.tiny.token;

import drp.tiny.world.*;
import java.util.*;

public class VocabDump {
    public static void main(String[] args) {
        World world = new World(WorldConfig.defaults());
        List<WordProblem> train = world.train(1, 20000);
        List<String> texts = new ArrayList<>();
        for (WordProblem p : train) {
            texts.add(Vocabulary.USER + p.question() + Vocabulary.ASSISTANT + World.nativeTrace(p, 1).assistantText());
            texts.add(World.teacherSolution(p).assistantText());
        }
        Vocabulary v = VocabularyBuilder.build(texts.iterator(), 1);
        System.out.println("vocab " + v.size());
        TinyTokenizer tok = new TinyTokenizer(v);
        ChatFormat chat = new ChatFormat(tok);
        long total = 0, prompt = 0, teacher = 0; int max = 0;
        for (WordProblem p : train) {
            ChatFormat.Example e = chat.example(p.question(), World.nativeTrace(p, 1).assistantText());
            total += e.length(); prompt += e.promptLength(); max = Math.max(max, e.length());
            teacher += chat.reply(World.teacherSolution(p).assistantText()).length;
        }
        System.out.printf("avg tokens %.1f prompt %.1f reply %.1f teacher reply %.1f max %d%n", total / (double) train.size(), prompt / (double) train.size(), (total - prompt) / (double) train.size(), teacher / (double) train.size(), max);
        WordProblem p = train.get(1);
        int[] ids = chat.example(p.question(), World.nativeTrace(p, 1).assistantText()).tokens();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(120, ids.length); i++) sb.append('[').append(v.piece(ids[i])).append(']');
        System.out.println(sb);
        String s = tok.decode(ids);
        System.out.println(s.equals(Vocabulary.USER + p.question() + Vocabulary.ASSISTANT + World.nativeTrace(p, 1).assistantText()));
    }
}
