package drp.tiny.train;

import drp.tiny.model.*;
import drp.tiny.sample.*;
import drp.tiny.token.*;
import drp.tiny.world.*;
import java.util.*;

/** Scratch harness: java ... Experiment dim layers heads hidden steps rows rowLength lr nTrain maxSteps maxValue */
public class Experiment {
    public static void main(String[] args) {
        int dim = Integer.parseInt(args[0]), layers = Integer.parseInt(args[1]), heads = Integer.parseInt(args[2]);
        int hidden = Integer.parseInt(args[3]), steps = Integer.parseInt(args[4]), rows = Integer.parseInt(args[5]);
        int rowLength = Integer.parseInt(args[6]);
        float lr = Float.parseFloat(args[7]);
        int nTrain = Integer.parseInt(args[8]);
        int maxSteps = Integer.parseInt(args[9]);
        int maxValue = Integer.parseInt(args[10]);
        int evalN = args.length > 11 ? Integer.parseInt(args[11]) : 200;
        int evalEvery = args.length > 12 ? Integer.parseInt(args[12]) : 0;
        int maxStart = args.length > 13 ? Integer.parseInt(args[13]) : 20;
        WorldConfig d = WorldConfig.defaults();
        WorldConfig wc = new WorldConfig(2, maxSteps, maxStart, d.maxOperand(), d.maxFactor(), maxValue, d.testShare());
        World world = new World(wc);
        List<WordProblem> train = world.train(1, nTrain);
        List<WordProblem> test = world.test(2, evalN);
        List<String> texts = new ArrayList<>();
        for (WordProblem p : train) {
            texts.add(Vocabulary.USER + p.question() + Vocabulary.ASSISTANT + World.nativeTrace(p, 1).assistantText());
            texts.add(World.teacherSolution(p).assistantText());
        }
        Vocabulary vocab = VocabularyBuilder.build(texts.iterator(), 1);
        TinyTokenizer tok = new TinyTokenizer(vocab);
        ChatFormat chat = new ChatFormat(tok);
        List<ChatFormat.Example> examples = new ArrayList<>();
        for (WordProblem p : train) examples.add(chat.example(p.question(), World.nativeTrace(p, 1).assistantText()));
        LlamaConfig config = new LlamaConfig(vocab.size(), dim, layers, heads, hidden, 512, 10000f, 1e-5f, false);
        System.out.printf("vocab %d params %d threads %d kernel %s%n", vocab.size(), config.parameterCount(), Parallel.threads(), MatMul.describe());
        Llama model = Llama.initialize(config, 1);
        TrainingConfig tc = TrainingConfig.of(steps, rows, rowLength, lr, 1);
        long t0 = System.nanoTime();
        TrainingResult r = TrainingLoop.train(model, examples, vocab.pad(), tc, p -> {
            if (p.step() % 25 == 0 || p.step() == 1) System.out.printf("step %d/%d loss %.4f lr %.2e norm %.2f tok/s %.0f elapsed %ds eta %ds%n", p.step(), p.steps(), p.loss(), p.learningRate(), p.gradNorm(), p.tokensPerSecond(), p.elapsed().toSeconds(), p.eta().toSeconds());
            if (evalEvery > 0 && p.step() % evalEvery == 0 && p.step() < p.steps()) {
                System.out.printf("  eval at step %d: %s%n", p.step(), accuracy(model, vocab, chat, tok, test.subList(0, Math.min(50, test.size())), false));
            }
        });
        System.out.printf("trained %d tokens in %.1fs (%.0f tok/s), epochs %d, final loss %.4f%n", r.tokens(), r.wallTime().toMillis() / 1000.0, r.tokensPerSecond(), r.epochs(), r.finalLoss(20));
        System.out.println(accuracy(model, vocab, chat, tok, test, true));
    }

    static String accuracy(Llama model, Vocabulary vocab, ChatFormat chat, TinyTokenizer tok, List<WordProblem> test, boolean show) {
        List<int[]> prompts = new ArrayList<>();
        for (WordProblem p : test) prompts.add(chat.prompt(p.question()));
        long s0 = System.nanoTime();
        List<Completion> out;
        try (Sampler sampler = new Sampler(model, vocab.eos(), 32)) {
            out = sampler.generate(prompts, SamplingOptions.greedy(480));
        }
        double secs = (System.nanoTime() - s0) / 1e9;
        int correct = 0; long toks = 0;
        int arith = 0, unfinished = 0, stepsWrong = 0, equations = 0;
        java.util.regex.Pattern eq = java.util.regex.Pattern.compile("(\\d+) ([+\\-×÷]) (\\d+) = (\\d+)");
        for (int i = 0; i < test.size(); i++) {
            String text = tok.decode(out.get(i).tokens());
            toks += out.get(i).tokens().length;
            OptionalInt a = Trace.parseAnswer(text);
            if (a.isPresent() && a.getAsInt() == test.get(i).answer()) correct++;
            else {
                if (a.isEmpty()) unfinished++;
                java.util.regex.Matcher m = eq.matcher(text);
                boolean bad = false;
                while (m.find()) {
                    equations++;
                    int x = Integer.parseInt(m.group(1)), y = Integer.parseInt(m.group(3)), r = Integer.parseInt(m.group(4));
                    int want = switch (m.group(2)) { case "+" -> x + y; case "-" -> x - y; case "×" -> x * y; default -> y == 0 ? -1 : (x % y == 0 ? x / y : -999); };
                    if (want != r) bad = true;
                }
                if (bad) arith++;
                boolean allSteps = true;
                for (Step st : test.get(i).steps()) if (!text.contains(st.equation())) allSteps = false;
                if (!allSteps) stepsWrong++;
            }
            if (show && i < 2) System.out.println(test.get(i).question() + "\n" + text + "\n gold " + test.get(i).answer());
        }
        return String.format("greedy accuracy %d/%d = %.1f%%, %.0f gen tok/s, avg %d tokens; wrong: %d with an arithmetic error, %d missing a gold step, %d unfinished", correct, test.size(), 100.0 * correct / test.size(), toks / secs, toks / test.size(), arith, stepsWrong, unfinished);
    }
}
