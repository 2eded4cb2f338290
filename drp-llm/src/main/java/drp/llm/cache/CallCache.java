package drp.llm.cache;

import drp.llm.sqlite.SqliteFile;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.core.chat.ScoreRequest;
import drp.core.chat.TargetScore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Answers to calls already made, in one SQLite file, addressed by {@link CacheKey}. WAL mode, so
 * readers never wait for writers and several processes (a stage and its rerun, two stages) can
 * share a file; a write is committed before the answer is returned, so a crash loses nothing that
 * was answered. Each row carries its request (for inspection) and a checksum of its response; a
 * row that fails to read back is dropped and counted, never returned.
 */
public final class CallCache implements AutoCloseable {

    private static final int SCHEMA = 1;

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();

    private CallCache(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) the cache in {@code file}. */
    public static CallCache open(Path file) {
        try {
            Connection c = SqliteFile.open(file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS calls (
                          key        TEXT PRIMARY KEY,
                          model      TEXT NOT NULL,
                          request    TEXT NOT NULL,
                          response   TEXT NOT NULL,
                          checksum   TEXT NOT NULL,
                          created_ms INTEGER NOT NULL
                        )""");
                int version;
                try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                    version = rs.next() ? rs.getInt(1) : 0;
                }
                if (version == 0) {
                    s.execute("PRAGMA user_version = " + SCHEMA);
                } else if (version != SCHEMA) {
                    c.close();
                    throw new IllegalStateException(file + ": call cache schema " + version
                            + " is not the supported " + SCHEMA + "; use another --cache file");
                }
            }
            return new CallCache(file, c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open call cache " + file + ": " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the directory of call cache " + file + ": " + e.getMessage(), e);
        }
    }

    /** The stored answer to {@code key}, if there is a sound one. Counts a hit or a miss. */
    public Optional<ChatResponse> get(CacheKey key) {
        return counted(read(key, ChatCodec::parseResponse));
    }

    /** The stored score of {@code key} (a scoring call), if there is a sound one. Counts a hit or a miss. */
    public Optional<TargetScore> getScore(CacheKey key) {
        return counted(read(key, ChatCodec::parseScore));
    }

    private <T> Optional<T> counted(Optional<T> found) {
        (found.isPresent() ? hits : misses).incrementAndGet();
        return found;
    }

    /** Stores a score unless one of {@code key} is there, and returns the stored one. */
    public TargetScore putScoreIfAbsent(CacheKey key, ModelId id, ScoreRequest request, TargetScore score) {
        return write(key, id, ChatCodec.canonicalScore(id, request), ChatCodec.score(score), false, score,
                ChatCodec::parseScore);
    }

    /** Stores a score, replacing what was there. */
    public TargetScore putScore(CacheKey key, ModelId id, ScoreRequest request, TargetScore score) {
        return write(key, id, ChatCodec.canonicalScore(id, request), ChatCodec.score(score), true, score,
                ChatCodec::parseScore);
    }

    /**
     * Stores {@code response} unless an answer to {@code key} is already there, and returns the
     * stored one, so concurrent callers of one call all see the same answer.
     */
    public ChatResponse putIfAbsent(CacheKey key, ModelId id, ChatRequest request, ChatResponse response) {
        return write(key, id, ChatCodec.canonicalRequest(id, request), ChatCodec.response(response), false, response,
                ChatCodec::parseResponse);
    }

    /** Stores {@code response}, replacing what was there. */
    public ChatResponse put(CacheKey key, ModelId id, ChatRequest request, ChatResponse response) {
        return write(key, id, ChatCodec.canonicalRequest(id, request), ChatCodec.response(response), true, response,
                ChatCodec::parseResponse);
    }

    public CacheStats stats() {
        return new CacheStats(hits.get(), misses.get(), writes.get(), corrupt.get());
    }

    /** Rows stored. */
    public long size() {
        return locked(() -> {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM calls")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    public Path file() {
        return file;
    }

    private <T> Optional<T> read(CacheKey key, java.util.function.Function<String, T> parse) {
        return locked(() -> {
            String response;
            String checksum;
            try (PreparedStatement ps = connection.prepareStatement("SELECT response, checksum FROM calls WHERE key = ?")) {
                ps.setString(1, key.sha256());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    response = rs.getString(1);
                    checksum = rs.getString(2);
                }
            }
            try {
                if (response == null || !CacheKey.sha256(response).equals(checksum)) {
                    throw new IllegalArgumentException("checksum mismatch");
                }
                return Optional.of(parse.apply(response));
            } catch (IllegalArgumentException damaged) {
                corrupt.incrementAndGet();
                try (PreparedStatement ps = connection.prepareStatement("DELETE FROM calls WHERE key = ?")) {
                    ps.setString(1, key.sha256());
                    ps.executeUpdate();
                }
                return Optional.empty();
            }
        });
    }

    /**
     * Stores {@code json} (the answer {@code value}) under {@code key}, checked against the call's
     * canonical form; returns what the cache holds for the key afterwards.
     */
    private <T> T write(CacheKey key, ModelId id, String canonical, String json, boolean replace, T value,
                        java.util.function.Function<String, T> parse) {
        if (!CacheKey.ofCanonical(canonical).equals(key)) {
            throw new IllegalArgumentException("cache key " + key + " is not the key of this call to " + id);
        }
        int inserted = locked(() -> {
            String sql = (replace ? "INSERT OR REPLACE" : "INSERT OR IGNORE")
                    + " INTO calls (key, model, request, response, checksum, created_ms) VALUES (?, ?, ?, ?, ?, ?)";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, key.sha256());
                ps.setString(2, id.toString());
                ps.setString(3, canonical);
                ps.setString(4, json);
                ps.setString(5, CacheKey.sha256(json));
                ps.setLong(6, System.currentTimeMillis());
                return ps.executeUpdate();
            }
        });
        if (inserted > 0) {
            writes.incrementAndGet();
            return value;
        }
        return read(key, parse).orElseGet(() -> write(key, id, canonical, json, true, value, parse));
    }

    private interface Sql<T> {
        T run() throws SQLException;
    }

    private <T> T locked(Sql<T> work) {
        lock.lock();
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("call cache " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close call cache " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
