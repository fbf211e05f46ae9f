package dev.atsrelay.e2e;

import dev.atsrelay.testkit.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When an end-to-end test fails, prints the end of each shared service's log, after a thread dump of it, to the test's
 * output: CI keeps only the build's output, not {@code target/service-logs}. Registered for every test class through
 * META-INF/services (junit-platform.properties turns autodetection on).
 */
public class ServiceLogsOnFailure implements TestWatcher {

    private static final int LINES = 150;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Platform platform = Platform.sharedIfStarted();
        if (platform == null) {
            return;
        }
        for (ServiceProcess service : platform.services()) {
            service.dumpThreads();
            try {
                List<String> lines = Files.readAllLines(service.log());
                System.out.println("---- " + context.getDisplayName() + " failed: last " + LINES + " lines of "
                        + service.log().toAbsolutePath());
                lines.subList(Math.max(0, lines.size() - LINES), lines.size()).forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("---- no log at " + service.log() + ": " + e);
            }
        }
    }
}
