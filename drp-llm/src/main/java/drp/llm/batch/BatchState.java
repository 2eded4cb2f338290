package drp.llm.batch;

import drp.llm.sqlite.SqliteFile;
import drp.core.chat.ModelId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a batch job has done so far, in a SQLite file, written before each step takes effect, so a
 * stopped drp picks up where it was: the items (their JSONL line, status, answer or failure,
 * submissions) and the shards (input file, batch id, status). The API key is never stored.
 */
final class BatchState implements AutoCloseable {

    enum ItemStatus { PENDING, SUBMITTED, ANSWERED, FAILED }

    record Item(String customId, String path, String line, ItemStatus status, Long shard, int attempts,
            String response, String error, boolean retriable) {}

    record Shard(long id, String path, String inputFileId, String batchId, String status, boolean collected,
            boolean cancelRequested) {
        boolean active() {
            return !collected;
        }
    }

    private final Path file;
    private final Connection c;

    private BatchState(Path file, Connection c) {
        this.file = file;
        this.c = c;
    }

    /** Opens or creates the state of a job for {@code id}; a file of another endpoint or model is refused. */
    static BatchState open(Path file, ModelId id) {
        try {
            Connection c = SqliteFile.open(file);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS items (
                          custom_id TEXT PRIMARY KEY, path TEXT NOT NULL, request_hash TEXT NOT NULL,
                          line TEXT NOT NULL, status TEXT NOT NULL, shard INTEGER, attempts INTEGER NOT NULL,
                          response TEXT, error TEXT, retriable INTEGER NOT NULL DEFAULT 0)""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS shards (
                          id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, input_file_id TEXT,
                          batch_id TEXT, status TEXT NOT NULL, collected INTEGER NOT NULL DEFAULT 0,
                          cancel_requested INTEGER NOT NULL DEFAULT 0)""");
            }
            BatchState state = new BatchState(file, c);
            Optional<String> owner = state.meta("model");
            if (owner.isEmpty()) {
                state.setMeta("model", id.toString());
            } else if (!owner.get().equals(id.toString())) {
                c.close();
                throw new IllegalArgumentException("batch state " + file + " belongs to " + owner.get() + ", not " + id
                        + "; use another state file");
            }
            return state;
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open batch state " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds an item unless it is there; an item already there must be the same request.
     *
     * @return false when it was already known
     */
    boolean register(String customId, String path, String requestHash, String line) {
        return sql(() -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT request_hash FROM items WHERE custom_id = ?")) {
                ps.setString(1, customId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        if (!rs.getString(1).equals(requestHash)) {
                            throw new IllegalArgumentException("custom_id '" + customId + "' was submitted with another request;"
                                    + " a batch job's items cannot change (use another state file)");
                        }
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO items (custom_id, path, request_hash, line, status, attempts) VALUES (?, ?, ?, ?, 'PENDING', 0)")) {
                ps.setString(1, customId);
                ps.setString(2, path);
                ps.setString(3, requestHash);
                ps.setString(4, line);
                ps.executeUpdate();
            }
            return true;
        });
    }

    List<Item> items(String where, Object... args) {
        return sql(() -> {
            List<Item> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT custom_id, path, line, status, shard, attempts, response, error, retriable FROM items"
                            + (where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY rowid")) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long shard = rs.getLong(5);
                        out.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3),
                                ItemStatus.valueOf(rs.getString(4)), rs.wasNull() ? null : shard, rs.getInt(6),
                                rs.getString(7), rs.getString(8), rs.getInt(9) != 0));
                    }
                }
            }
            return out;
        });
    }

    Optional<Item> item(String customId) {
        List<Item> found = items("custom_id = ?", customId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** Records a new shard of {@code customIds} and marks them submitted, in one transaction. */
    long newShard(String path, List<String> customIds) {
        return transaction(() -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shards (path, status) VALUES (?, 'uploading')",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, path);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE items SET status = 'SUBMITTED', shard = ?, attempts = attempts + 1, error = NULL WHERE custom_id = ?")) {
                for (String customId : customIds) {
                    ps.setLong(1, id);
                    ps.setString(2, customId);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return id;
        });
    }

    List<Shard> shards() {
        return sql(() -> {
            List<Shard> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id, path, input_file_id, batch_id, status, collected, cancel_requested FROM shards ORDER BY id")) {
                while (rs.next()) {
                    out.add(new Shard(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getInt(6) != 0, rs.getInt(7) != 0));
                }
            }
            return out;
        });
    }

    void setInputFile(long shard, String fileId) {
        update("UPDATE shards SET input_file_id = ?, status = 'uploaded' WHERE id = ?", fileId, shard);
    }

    void setBatch(long shard, String batchId, String status) {
        update("UPDATE shards SET batch_id = ?, status = ? WHERE id = ?", batchId, status, shard);
    }

    void setShardStatus(long shard, String status) {
        update("UPDATE shards SET status = ? WHERE id = ?", status, shard);
    }

    void requestCancel(long shard) {
        update("UPDATE shards SET cancel_requested = 1 WHERE id = ?", shard);
    }

    void markCollected(long shard) {
        update("UPDATE shards SET collected = 1 WHERE id = ?", shard);
    }

    /** Records an answer, unless the item already has one (an answer is never replaced). */
    void answer(String customId, String responseJson) {
        update("UPDATE items SET status = 'ANSWERED', response = ?, error = NULL, retriable = 0"
                + " WHERE custom_id = ? AND status != 'ANSWERED'", responseJson, customId);
    }

    /** Records a failure of an item not answered yet. */
    void fail(String customId, String reason, boolean retriable) {
        update("UPDATE items SET status = 'FAILED', error = ?, retriable = ? WHERE custom_id = ? AND status != 'ANSWERED'",
                reason, retriable ? 1 : 0, customId);
    }

    /** Puts failed items that may pass and have submissions left back in line; returns how many. */
    int requeue(int maxSubmissions) {
        return update("UPDATE items SET status = 'PENDING', shard = NULL"
                + " WHERE status = 'FAILED' AND retriable = 1 AND attempts < ?", maxSubmissions);
    }

    private Optional<String> meta(String key) {
        return sql(() -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private void setMeta(String key, String value) {
        update("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, value);
    }

    private int update(String sql, Object... args) {
        return sql(() -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                return ps.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private interface Sql<T> {
        T run() throws SQLException;
    }

    private synchronized <T> T sql(Sql<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("batch state " + file + ": " + e.getMessage(), e);
        }
    }

    private synchronized <T> T transaction(Sql<T> work) {
        return sql(() -> {
            c.setAutoCommit(false);
            try {
                T result = work.run();
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public synchronized void close() {
        try {
            c.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close batch state " + file, e);
        }
    }
}
