package drp.llm.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens the SQLite files drp keeps state in (call cache, batch jobs) the same way: folders
 * created, a generous busy timeout set first (another process may hold the write lock right
 * now), then write-ahead logging so that readers never block the writer.
 */
public final class SqliteFile {

    private SqliteFile() {}

    /** A connection to {@code file}, created when absent. */
    public static Connection open(Path file) throws SQLException, IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 30000");
            s.execute("PRAGMA journal_mode = WAL");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
