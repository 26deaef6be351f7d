package io.eventline.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * Where the PostgreSQL peer runs: a JDBC URL, a user and a password from EVENTLINE_BENCH_PG_URL,
 * EVENTLINE_BENCH_PG_USER and EVENTLINE_BENCH_PG_PASSWORD (default: the local server's postgres
 * database and role).
 */
record PostgresPeer(String url, String user, String password) {

    static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/postgres";

    /** What to do when no server answers, in one line. */
    static final String HOW_TO_INSTALL = "install and start it (Debian: sudo apt-get install -y postgresql && sudo service "
            + "postgresql start), give the role a password (sudo -u postgres psql -c \"ALTER ROLE postgres PASSWORD "
            + "'<password>'\") and set EVENTLINE_BENCH_PG_PASSWORD (and EVENTLINE_BENCH_PG_URL, EVENTLINE_BENCH_PG_USER "
            + "for another server or role)";

    static PostgresPeer fromEnvironment(Map<String, String> env) {
        return new PostgresPeer(env.getOrDefault("EVENTLINE_BENCH_PG_URL", DEFAULT_URL),
                env.getOrDefault("EVENTLINE_BENCH_PG_USER", "postgres"), env.getOrDefault("EVENTLINE_BENCH_PG_PASSWORD", ""));
    }

    /** A connection for one client: not in auto-commit, with synchronous_commit as asked. */
    Connection open(boolean synchronousCommit) throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        try (Statement s = connection.createStatement()) {
            s.execute("SET synchronous_commit = " + (synchronousCommit ? "on" : "off"));
        }
        connection.setAutoCommit(false);
        return connection;
    }

    /** The server's version, or empty with why not when it cannot be reached (or refuses the credentials). */
    Reachable reach() {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            return new Reachable(Optional.of(connection.getMetaData().getDatabaseProductVersion()), "");
        } catch (SQLException e) {
            return new Reachable(Optional.empty(), e.getMessage());
        }
    }

    record Reachable(Optional<String> version, String why) {}
}
