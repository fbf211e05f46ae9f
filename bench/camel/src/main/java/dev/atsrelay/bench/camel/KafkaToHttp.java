package dev.atsrelay.bench.camel;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.main.Main;

/**
 * The peer of the dispatch benchmark: one Camel route that reads the domain-event topic and POSTs each record's value
 * to an HTTP endpoint, nothing else (no signing, no attempt log, no retries). Tuned as a Camel user would for
 * throughput on a 12-partition topic:
 * <ul>
 *   <li>{@code consumersCount=12}: one consumer thread per partition. camel-kafka processes the records of each
 *       consumer one after another (streaming mode), so the threads are the route's concurrency;</li>
 *   <li>{@code maxPollRecords=500} (Kafka's default, also the dispatcher's), raw bytes as the value (no String
 *       round trip), offsets auto-committed every 5 s (Camel's default);</li>
 *   <li>camel-http (Apache HttpClient 5): keep-alive pool with {@code connectionsPerRoute} = consumers (every thread
 *       keeps its connection), {@code throwExceptionOnFailure=false} so that a 503 is a response, not an exception
 *       with a logged stack trace, and HttpClient's automatic retries off: by default it retries a 503 once, in line,
 *       after 1 s, holding the consumer thread (measured: healthy throughput fell to about 100 events/s with 10 %
 *       503s). So Camel moves on to the next record without retrying, as a route without a redelivery policy does —
 *       the peer's fastest setting, and the 503'd records are lost.</li>
 * </ul>
 * Arguments: brokers, topic, group id, target URL, consumers.
 */
public final class KafkaToHttp {

    private KafkaToHttp() {
    }

    public static void main(String[] args) throws Exception {
        String brokers = args[0];
        String topic = args[1];
        String group = args[2];
        String url = args[3];
        int consumers = args.length > 4 ? Integer.parseInt(args[4]) : 12;
        Main main = new Main();
        main.configure().withShutdownTimeout(5).withName("camel-bench");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                getContext().getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
                from("kafka:" + topic + "?brokers=" + brokers + "&groupId=" + group + "&autoOffsetReset=earliest"
                        + "&consumersCount=" + consumers + "&maxPollRecords=500"
                        + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                        .routeId("kafka-to-http")
                        .to(url + (url.contains("?") ? "&" : "?") + "httpMethod=POST&throwExceptionOnFailure=false"
                                + "&connectionsPerRoute=" + consumers + "&maxTotalConnections=" + Math.max(200, consumers));
            }
        });
        main.run();
    }
}
