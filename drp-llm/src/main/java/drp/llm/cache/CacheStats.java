package drp.llm.cache;

/**
 * What the cache did.
 *
 * @param hits lookups answered from the cache
 * @param misses lookups that found nothing usable
 * @param writes rows stored
 * @param corrupt rows found damaged (unreadable or failing their checksum), dropped and counted as misses
 */
public record CacheStats(long hits, long misses, long writes, long corrupt) {

    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }

    @Override
    public String toString() {
        return "cache: " + hits + " hits, " + misses + " misses, " + writes + " writes"
                + (corrupt > 0 ? ", " + corrupt + " corrupt rows dropped" : "");
    }
}
