package dev.atsrelay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service, run from its built jar as a separate JVM process, logging to {@code target/service-logs}. The jar is
 * found under {@code <atsrelay.root>/<name>/target/}; the build puts it there before the end-to-end tests and the
 * benchmarks run.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path jar;
    private final List<String> args;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    public ServiceProcess(String name, Map<String, String> properties, Map<String, String> env) {
        this.name = name;
        this.port = freePort();
        this.jar = Path.of(System.getProperty("atsrelay.root", "../.."), name, "target",
                name + "-" + System.getProperty("atsrelay.version", "0.1.0-SNAPSHOT") + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package)");
        }
        this.args = new ArrayList<>();
        args.add("--server.port=" + port);
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        this.env = env;
        this.log = Path.of("target", "service-logs", name + "-" + port + ".log");
    }

    /** Adds a property before the start: for services that must know each other's URLs (ports are chosen above). */
    public ServiceProcess with(String key, String value) {
        if (process != null) {
            throw new IllegalStateException(name + " is already running");
        }
        args.add("--" + key + "=" + value);
        return this;
    }

    public ServiceProcess start() {
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            // the JVM flags of every service process: small and quick to start for tests (C1 only); benchmarks
            // replace them (-Datsrelay.service.jvm-args=...) to run as production would
            command.addAll(List.of(System.getProperty("atsrelay.service.jvm-args",
                    "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1").trim().split("\\s+")));
            command.addAll(List.of("-jar", jar.toString()));
            command.addAll(args);
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            process = builder.start();
            // never outlive the test or benchmark JVM, whatever ends it
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + name));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Waits until {@code /actuator/health} answers UP. */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                var response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/actuator/health"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + "; see " + log.toAbsolutePath());
    }

    /** SIGKILL: no shutdown hook, no graceful drain — a crash. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    public Path log() {
        return log;
    }

    /**
     * Appends a thread dump of the running process to its log (jcmd Thread.print), so a test that failed on a hang
     * shows where the service was waiting. Does nothing if the process is not running or jcmd is missing.
     */
    public void dumpThreads() {
        if (process == null || !process.isAlive()) {
            return;
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start().waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            // no jcmd: the log alone has to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
