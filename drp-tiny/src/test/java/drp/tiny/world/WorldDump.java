package drp.tiny.world;

import java.util.List;

public class WorldDump {
    public static void main(String[] args) {
        World world = new World(WorldConfig.defaults());
        List<WordProblem> train = world.train(1, Integer.parseInt(args[0]));
        int chars = 0, tchars = 0;
        for (int i = 0; i < train.size(); i++) {
            WordProblem p = train.get(i);
            Trace t = World.nativeTrace(p, 7);
            chars += t.think().length();
            tchars += World.teacherSolution(p).think().length();
            if (i < Integer.parseInt(args[1])) {
                System.out.println("=== " + p.id() + " steps=" + p.steps().size());
                System.out.println(p.question());
                System.out.println(t.assistantText());
                System.out.println("--- teacher:");
                System.out.println(World.teacherSolution(p).assistantText());
            }
        }
        System.out.println("avg think chars " + chars / train.size() + " teacher " + tchars / train.size());
    }
}
