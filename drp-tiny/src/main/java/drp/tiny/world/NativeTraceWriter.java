package drp.tiny.world;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the verbose "native" trace an overthinking reasoning model produces for a problem: an
 * opening, a restatement of the problem, one paragraph per computation, and around them
 * double-checks ("Wait, let me double-check ..."), inverse checks, hesitations ("Hmm ..."),
 * restatements of the running total, a full recheck and sometimes a recomputation by another
 * route, before "So the answer is N."
 *
 * <p>Every reflection is its own paragraph, phrased as a check ("Wait, let me double-check",
 * "Let me verify", "Let me make sure", "to be sure") or a bare hesitation ("Okay", "Hmm"); the
 * computation paragraphs carry their operands, so deleting the reflections leaves a correct trace
 * about a third as long. drp-core's heuristic teacher tags these cues as verification and
 * reflection and deletes them. The answer never appears before its own computation (see
 * {@link ProblemGenerator}), so "the first step that reaches the answer" is the last computation.
 */
public final class NativeTraceWriter {

    private NativeTraceWriter() {}

    /** The trace for {@code problem}; the same rng state gives the same trace. */
    public static Trace write(WordProblem problem, SplittableRandom rng) {
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(pick(rng, "Okay, let me see.", "Alright, let me work through this.",
                "Okay, let me think about this step by step.", "Alright, let me figure this out."));
        if (rng.nextInt(10) < 8) {
            paragraphs.add(restateProblem(problem, rng));
        }
        List<Event> events = problem.events();
        Event first = events.getFirst();
        if (first.steps().isEmpty()) {
            paragraphs.add(pick(rng, "First, " + lower(first.clause()), first.clause()) + ".");
        }
        for (Event event : events) {
            List<Step> steps = event.steps();
            if (steps.isEmpty()) {
                continue;
            }
            if (rng.nextInt(10) < 2) {
                paragraphs.add(pick(rng, "Wait, let me check that I read this right: ", "Hmm, let me check the problem again: ")
                        + lower(event.clause()) + ".");
            }
            if (steps.size() == 2 || !event.product().isEmpty()) {
                Step product = steps.getFirst();
                paragraphs.add(event.clause() + ". That is " + event.product() + ", so " + product.equation() + ".");
                reflect(paragraphs, product, rng);
                if (steps.size() == 2) {
                    Step use = steps.get(1);
                    paragraphs.add(pick(rng, "Then ", "Now ") + use.equation() + ".");
                    reflect(paragraphs, use, rng);
                }
            } else {
                Step step = steps.getFirst();
                paragraphs.add(event.clause() + ", so " + step.equation() + ".");
                reflect(paragraphs, step, rng);
            }
            if (rng.nextInt(10) < 4) {
                paragraphs.add(pick(rng, "Let me make sure of the total so far: it is ", "To be sure, the number is now ",
                        "Let me make sure: at this point it is ") + steps.getLast().result() + ".");
            }
        }
        paragraphs.add("So " + lower(problem.conclusion()) + ".");
        if (rng.nextInt(10) < 6) {
            paragraphs.add(recheck(problem, rng));
        }
        String route = anotherRoute(problem);
        if (route != null && rng.nextInt(10) < 5) {
            paragraphs.add(route);
        }
        paragraphs.add(pick(rng, "So the answer is " + problem.answer() + ".",
                "I am confident the answer is " + problem.answer() + ".",
                "Yes, the answer is " + problem.answer() + "."));
        return new Trace(String.join("\n\n", paragraphs), problem.answer());
    }

    /** A check after a computation, one sentence with a checking cue (or none). */
    private static void reflect(List<String> paragraphs, Step step, SplittableRandom rng) {
        int roll = rng.nextInt(10);
        if (roll < 3) {
            paragraphs.add(pick(rng, "Wait, let me double-check that: ", "Let me double-check: ", "Wait, is that right? Let me check: ")
                    + step.equation() + pick(rng, ", that is right.", ", yes.", ", correct."));
        } else if (roll < 6) {
            paragraphs.add(pick(rng, "Let me verify: ", "Let me check it backwards: ")
                    + inverse(step).equation() + pick(rng, ", that matches.", ", correct.", ", good."));
        } else if (roll < 7) {
            paragraphs.add("Hmm, let me check: " + step.equation() + ", okay.");
        }
    }

    /** The step that undoes {@code step}: {@code 9 - 5 = 4} for {@code 4 + 5 = 9}. */
    static Step inverse(Step step) {
        return switch (step.operation()) {
            case ADD -> Step.of(step.result(), Operation.SUBTRACT, step.right());
            case SUBTRACT -> Step.of(step.result(), Operation.ADD, step.right());
            case MULTIPLY -> Step.of(step.result(), Operation.DIVIDE, step.right());
            case DIVIDE -> Step.of(step.result(), Operation.MULTIPLY, step.right());
        };
    }

    private static String restateProblem(WordProblem problem, SplittableRandom rng) {
        StringBuilder text = new StringBuilder(pick(rng, "Let me make sure I understand the problem: ",
                "Let me check what the problem gives: "));
        List<Event> events = problem.events();
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                text.append(i == events.size() - 1 ? ", and then " : ", then ");
            }
            text.append(lower(events.get(i).clause()));
        }
        return text.append(".").toString();
    }

    private static String recheck(WordProblem problem, SplittableRandom rng) {
        StringBuilder text = new StringBuilder(pick(rng, "Wait, let me go through it again to be sure. ",
                "Let me double-check the whole thing. ", "Hmm, let me check everything once more. "));
        for (Step step : problem.steps()) {
            text.append(step.equation()).append(". ");
        }
        return text.append(pick(rng, "Yes, I get " + problem.answer() + " again.",
                "Same result, " + problem.answer() + ".")).toString();
    }

    /**
     * For stories of additions and removals only: the net change first, then the total. Null when
     * the story has other steps or a single change.
     */
    static String anotherRoute(WordProblem problem) {
        List<Step> steps = problem.steps();
        if (steps.size() < 2 || !problem.events().getFirst().steps().isEmpty()) {
            return null;
        }
        List<Integer> gains = new ArrayList<>();
        List<Integer> losses = new ArrayList<>();
        for (Step step : steps) {
            switch (step.operation()) {
                case ADD -> gains.add(step.right());
                case SUBTRACT -> losses.add(step.right());
                default -> {
                    return null;
                }
            }
        }
        StringBuilder text = new StringBuilder("Let me check it another way. ");
        int gain = sum(gains, text);
        int loss = sum(losses, text);
        int start = steps.getFirst().left();
        if (gain > 0 && loss > 0) {
            text.append("In total ").append(gain).append(" come in and ").append(loss).append(" go out. ");
        }
        int total = start;
        if (gain > 0) {
            text.append(Step.of(total, Operation.ADD, gain).equation()).append(". ");
            total += gain;
        }
        if (loss > 0) {
            text.append(Step.of(total, Operation.SUBTRACT, loss).equation()).append(". ");
            total -= loss;
        }
        if (total != problem.answer()) {
            throw new IllegalStateException("another route disagrees for " + problem.id());
        }
        return text.append("Same answer.").toString();
    }

    private static int sum(List<Integer> amounts, StringBuilder text) {
        if (amounts.isEmpty()) {
            return 0;
        }
        int total = amounts.getFirst();
        for (int i = 1; i < amounts.size(); i++) {
            Step step = Step.of(total, Operation.ADD, amounts.get(i));
            text.append(step.equation()).append(". ");
            total = step.result();
        }
        return total;
    }

    static String lower(String clause) {
        if (clause.startsWith("The ") || clause.startsWith("There ") || clause.startsWith("Half ")
                || clause.startsWith("One ") || clause.startsWith("Only ")) {
            return Character.toLowerCase(clause.charAt(0)) + clause.substring(1);
        }
        return clause;
    }

    @SafeVarargs
    static <T> T pick(SplittableRandom rng, T... options) {
        return options[rng.nextInt(options.length)];
    }
}
