package drp.tiny.world;

import java.util.List;
import java.util.stream.Stream;

/**
 * A word problem of the synthetic world with its gold answer and the structure the trace writers
 * need.
 *
 * @param id         stable id, {@code tiny-<split>-<index>}
 * @param question   the question text
 * @param answer     the gold answer
 * @param events     the story, in order; the first event sets the starting quantity
 * @param conclusion the closing fact with the answer in it, e.g. {@code Mia has 7 apples now}
 */
public record WordProblem(String id, String question, int answer, List<Event> events, String conclusion) {
    public WordProblem {
        events = List.copyOf(events);
        List<Step> all = events.stream().flatMap(e -> e.steps().stream()).toList();
        if (all.isEmpty() || all.getLast().result() != answer) {
            throw new IllegalArgumentException("the last step must give the answer " + answer + ": " + question);
        }
    }

    /** All steps in order. */
    public List<Step> steps() {
        return events.stream().flatMap(e -> e.steps().stream()).toList();
    }

    /** The gold answer as text. */
    public String answerText() {
        return Integer.toString(answer);
    }

    /** The numbers of the story, in order of appearance. */
    public Stream<Step> stepStream() {
        return events.stream().flatMap(e -> e.steps().stream());
    }
}
