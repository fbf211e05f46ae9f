package dev.atsrelay.ingest.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts Kafka's lz4 on lz4-java's native codec. lz4-java loads its JNI library by itself only when it was loaded by the
 * system class loader; inside the Spring Boot jar it falls back to its slowest pure-Java codec, more than twice the CPU
 * per record (bench/README.md). Once the library is loaded, every later {@code LZ4Factory.fastestInstance()}
 * (Kafka asks for one per record batch, producer and consumers alike) is the native one. Same format; if the library
 * cannot be loaded, the pure-Java codec stays. (lz4-java comes with kafka-clients at run time only, so it is called by
 * name: the service does not pin a version of its own.)
 */
@Component
class NativeLz4 {

    private static final Logger log = LoggerFactory.getLogger(NativeLz4.class);

    NativeLz4() {
        try {
            Class.forName("net.jpountz.lz4.LZ4Factory").getMethod("nativeInstance").invoke(null);
            log.debug("lz4: native codec loaded");
        } catch (ReflectiveOperationException | LinkageError e) { // e.g. no native library for this platform
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException i ? i.getCause() : e;
            log.info("lz4: the native codec cannot be loaded here ({}); Kafka compresses with the pure-Java one", cause.toString());
        }
    }
}
