package drp.core.io;

/** What a reader does with a malformed record. */
public enum ErrorPolicy {
    /** Stop at the first malformed record with an error naming file:line. */
    STRICT,
    /** Skip malformed records, count them and keep their errors for the summary. */
    LENIENT
}
