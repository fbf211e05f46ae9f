package dev.atsrelay.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A helper JVM of the benchmark (the Camel peer, the raw clients): started with the services' JVM flags, its output
 * in {@code target/service-logs/<name>.log}, killed with the benchmark JVM whatever ends it.
 */
final class JavaProcess implements AutoCloseable {

    /** The JVM flags of the service processes and the helper JVMs alike (-Datsrelay.service.jvm-args). */
    static final String JVM_ARGS = System.getProperty("atsrelay.service.jvm-args", "-Xmx1g -XX:+UseParallelGC").trim();

    private final Process process;
    private final Path log;

    JavaProcess(String name, String classpath, String main, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(JVM_ARGS.split("\\s+")));
        command.addAll(List.of("-cp", classpath, main));
        command.addAll(args);
        this.log = Path.of("target", "service-logs", name + ".log");
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + name));
    }

    /** Waits for the process to exit by itself and returns its output; fails if it does not exit 0 in time. */
    String await(long timeoutSeconds) throws Exception {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(log + " did not finish well; see " + log.toAbsolutePath());
        }
        return Files.readString(log);
    }

    /** CPU time the process has used so far. */
    java.time.Duration cpu() {
        return process.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log.toAbsolutePath();
    }

    /** SIGTERM, and SIGKILL after 15 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
