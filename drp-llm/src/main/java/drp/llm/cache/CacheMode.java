package drp.llm.cache;

/** How a stage uses the call cache. */
public enum CacheMode {
    /** Answer from the cache when it can, store what it had to ask. The default. */
    USE,
    /** Ask again and overwrite what is stored (a rerun that wants fresh answers but keeps a record). */
    REFRESH,
    /** Neither read nor write ({@code --no-cache}). */
    OFF
}
