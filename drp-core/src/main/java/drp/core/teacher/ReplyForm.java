package drp.core.teacher;

/** The form an LLM teacher is asked to answer in. Replies in either form are read by the same parser. */
public enum ReplyForm {
    /** JSON following a schema, sent as the request's response format (structured output). */
    JSON_SCHEMA,
    /** Plain text blocks ("Step n: ..." / "Skill: ..."), for servers without structured output. */
    PLAIN_TEXT
}
