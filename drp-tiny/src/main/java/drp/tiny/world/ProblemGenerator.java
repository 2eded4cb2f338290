package drp.tiny.world;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws one word problem at a time from the world: a scene, a starting quantity, then events
 * (add, remove, groups, doubling, halving, a final even split) until the chosen number of steps is
 * reached, every quantity staying within {@link WorldConfig#maxValue()}.
 */
public final class ProblemGenerator {

    private enum Kind { ADD, SUBTRACT, ADD_GROUPS, SUBTRACT_GROUPS, MULTIPLY, KEEP_PART, SPLIT }

    private final WorldConfig config;

    public ProblemGenerator(WorldConfig config) {
        this.config = config;
    }

    /** One problem drawn with {@code rng}; its id is {@code id}. */
    public WordProblem next(String id, SplittableRandom rng) {
        while (true) {
            WordProblem problem = attempt(id, rng);
            if (problem != null) {
                return problem;
            }
        }
    }

    private WordProblem attempt(String id, SplittableRandom rng) {
        int target = config.minSteps() + rng.nextInt(config.maxSteps() - config.minSteps() + 1);
        Scene scene = switch (rng.nextInt(5)) {
            case 0, 1 -> Scene.Person.random(rng);
            case 2 -> Scene.Money.random(rng);
            default -> Scene.Place.random(rng);
        };
        List<Event> events = new ArrayList<>();
        int value;
        int used;
        if (target >= 2 && rng.nextInt(10) < 3) {
            int groups = between(rng, 2, config.maxFactor());
            int size = between(rng, 2, config.maxFactor());
            Step step = Step.of(groups, Operation.MULTIPLY, size);
            events.add(event(scene.startGroups(groups, size, rng), List.of(step)));
            value = step.result();
            used = 1;
        } else {
            value = between(rng, 2, config.maxStart());
            events.add(event(scene.start(value, rng), List.of()));
            used = 0;
        }
        boolean split = false;
        while (used < target) {
            int remaining = target - used;
            boolean pronoun = events.size() > 1 && rng.nextInt(10) < 4;
            Kind kind = pickKind(rng, value, remaining);
            if (kind == null) {
                return null;
            }
            Event event = switch (kind) {
                case ADD -> {
                    int amount = between(rng, 2, Math.min(config.maxOperand(), config.maxValue() - value));
                    yield event(scene.add(amount, pronoun, rng), List.of(Step.of(value, Operation.ADD, amount)));
                }
                case SUBTRACT -> {
                    int amount = between(rng, 2, Math.min(config.maxOperand(), value - 1));
                    yield event(scene.subtract(amount, pronoun, rng), List.of(Step.of(value, Operation.SUBTRACT, amount)));
                }
                case ADD_GROUPS -> {
                    int[] gs = groups(rng, config.maxValue() - value);
                    if (gs == null) {
                        yield null;
                    }
                    Step product = Step.of(gs[0], Operation.MULTIPLY, gs[1]);
                    yield event(scene.addGroups(gs[0], gs[1], pronoun, rng),
                            List.of(product, Step.of(value, Operation.ADD, product.result())));
                }
                case SUBTRACT_GROUPS -> {
                    int[] gs = groups(rng, value - 1);
                    if (gs == null) {
                        yield null;
                    }
                    Step product = Step.of(gs[0], Operation.MULTIPLY, gs[1]);
                    yield event(scene.subtractGroups(gs[0], gs[1], pronoun, rng),
                            List.of(product, Step.of(value, Operation.SUBTRACT, product.result())));
                }
                case MULTIPLY -> {
                    int factor = value * 3 <= config.maxValue() && rng.nextBoolean() ? 3 : 2;
                    yield event(scene.multiply(factor, pronoun, rng), List.of(Step.of(value, Operation.MULTIPLY, factor)));
                }
                case KEEP_PART -> {
                    int parts = value % 3 == 0 && (value % 2 != 0 || rng.nextBoolean()) ? 3 : 2;
                    yield event(scene.keepPart(parts, pronoun, rng), List.of(Step.of(value, Operation.DIVIDE, parts)));
                }
                case SPLIT -> {
                    int parts = divisor(rng, value);
                    split = true;
                    yield event(scene.split(parts, pronoun, rng), List.of(Step.of(value, Operation.DIVIDE, parts)));
                }
            };
            if (event == null) {
                return null;
            }
            events.add(event);
            value = event.steps().getLast().result();
            used += event.steps().size();
        }
        if (answerAppearsEarly(events, value)) {
            return null;
        }
        StringBuilder question = new StringBuilder();
        for (Event event : events) {
            question.append(event.sentence()).append(' ');
        }
        question.append(split ? scene.splitQuestion() : scene.question());
        String conclusion = split ? scene.splitConclusion(value) : scene.conclusion(value);
        return new WordProblem(id, question.toString(), value, events, Phrase.capitalize(conclusion));
    }

    /**
     * Whether the answer already shows up before the last step: as a number in the story or as an
     * earlier operand or result. Such problems are redrawn, so that the first mention of the
     * answer in a trace is where it is computed (a pruner may cut everything after that point).
     */
    private static boolean answerAppearsEarly(List<Event> events, int answer) {
        String a = Integer.toString(answer);
        for (Event event : events) {
            for (String token : event.sentence().split("[^0-9]+")) {
                if (token.equals(a)) {
                    return true;
                }
            }
        }
        List<Step> steps = events.stream().flatMap(e -> e.steps().stream()).toList();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.left() == answer || step.right() == answer || (i < steps.size() - 1 && step.result() == answer)) {
                return true;
            }
        }
        return false;
    }

    private Kind pickKind(SplittableRandom rng, int value, int remaining) {
        List<Kind> options = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        if (value + 2 <= config.maxValue()) {
            add(options, weights, Kind.ADD, 6);
        }
        if (value >= 3) {
            add(options, weights, Kind.SUBTRACT, 6);
        }
        if (remaining >= 2 && value + 4 <= config.maxValue()) {
            add(options, weights, Kind.ADD_GROUPS, 3);
        }
        if (remaining >= 2 && value >= 5) {
            add(options, weights, Kind.SUBTRACT_GROUPS, 2);
        }
        if (value >= 2 && value * 2 <= config.maxValue()) {
            add(options, weights, Kind.MULTIPLY, 2);
        }
        if (value >= 4 && (value % 2 == 0 || value % 3 == 0)) {
            add(options, weights, Kind.KEEP_PART, 2);
        }
        if (remaining == 1 && value >= 4 && hasDivisor(value)) {
            add(options, weights, Kind.SPLIT, 2);
        }
        if (options.isEmpty()) {
            return null;
        }
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        int r = rng.nextInt(total);
        for (int i = 0; i < options.size(); i++) {
            r -= weights.get(i);
            if (r < 0) {
                return options.get(i);
            }
        }
        throw new AssertionError();
    }

    private static void add(List<Kind> options, List<Integer> weights, Kind kind, int weight) {
        options.add(kind);
        weights.add(weight);
    }

    /** groups and size in [2, maxFactor] with a product of at most {@code limit}, or null. */
    private int[] groups(SplittableRandom rng, int limit) {
        List<int[]> options = new ArrayList<>();
        for (int g = 2; g <= config.maxFactor(); g++) {
            for (int s = 2; s <= config.maxFactor(); s++) {
                if (g * s <= limit) {
                    options.add(new int[] {g, s});
                }
            }
        }
        return options.isEmpty() ? null : options.get(rng.nextInt(options.size()));
    }

    private boolean hasDivisor(int value) {
        for (int d = 2; d <= config.maxFactor(); d++) {
            if (value % d == 0 && value / d >= 2) {
                return true;
            }
        }
        return false;
    }

    private int divisor(SplittableRandom rng, int value) {
        List<Integer> options = new ArrayList<>();
        for (int d = 2; d <= config.maxFactor(); d++) {
            if (value % d == 0 && value / d >= 2) {
                options.add(d);
            }
        }
        return options.get(rng.nextInt(options.size()));
    }

    private static Event event(Phrase phrase, List<Step> steps) {
        return new Event(phrase.sentence(), phrase.clause(), phrase.product(), steps);
    }

    private static int between(SplittableRandom rng, int low, int high) {
        return low + rng.nextInt(high - low + 1);
    }
}
