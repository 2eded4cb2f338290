package drp.core.grade;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import drp.core.answer.Verdict;

/** The kind of a {@link Verdict}, as graded records write it: {@code correct}, {@code wrong}... */
public enum VerdictKind {
    CORRECT, WRONG, UNPARSEABLE, TIMED_OUT;

    public static VerdictKind of(Verdict verdict) {
        return switch (verdict) {
            case Verdict.Correct c -> CORRECT;
            case Verdict.Wrong w -> WRONG;
            case Verdict.Unparseable u -> UNPARSEABLE;
            case Verdict.TimedOut t -> TIMED_OUT;
        };
    }

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static VerdictKind fromJson(String value) {
        for (VerdictKind kind : values()) {
            if (kind.json().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + value + "' (expected correct, wrong, unparseable or timed_out)");
    }
}
