package drp.core.run;

import java.time.Instant;
import java.util.Map;

/**
 * What one run of a stage did, for run.json.
 *
 * @param startedAt when it started
 * @param seconds   how long it ran
 * @param counts    its counts (records read, written, skipped as already done, failed...)
 */
public record StageRecord(Instant startedAt, double seconds, Map<String, Long> counts) {
    public StageRecord {
        counts = Map.copyOf(counts);
    }
}
