package dev.atsrelay.dispatcher.event;

import dev.atsrelay.dispatcher.delivery.EventArchive;
import dev.atsrelay.dispatcher.delivery.InboundEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Reads one record back by topic, partition and offset (a short-lived consumer; replays are rare). */
@Component
class KafkaEventArchive implements EventArchive {

    private final Map<String, Object> config;

    KafkaEventArchive(KafkaProperties kafka) {
        this.config = kafka.buildConsumerProperties();
    }

    @Override
    public Mono<byte[]> read(InboundEvent.Source source) {
        return Mono.fromCallable(() -> {
            Properties p = new Properties();
            p.putAll(config);
            p.remove(ConsumerConfig.GROUP_ID_CONFIG);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
            try (var consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                TopicPartition tp = new TopicPartition(source.topic(), source.partition());
                consumer.assign(List.of(tp));
                long earliest = consumer.beginningOffsets(List.of(tp)).get(tp);
                if (source.offset() < earliest) {
                    return null;
                }
                consumer.seek(tp, source.offset());
                for (var r : consumer.poll(Duration.ofSeconds(5))) {
                    if (r.offset() == source.offset()) {
                        return r.value();
                    }
                }
                return null;
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
