package dev.atsrelay.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays config-service's side of the configuration-topic contract (docs/topics.md) in the tests of the services that
 * read it: publishes API-key and webhook records in the documented shape, with secrets encrypted as
 * docs/contracts/secret-encryption-vectors.json describes, under the test key ring {@link #SECRETS_KEY}.
 */
public final class ConfigTopicFixture {

    /** The test key ring's key {@code k1} (base64); never used outside tests. */
    public static final String SECRETS_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private final String topic;
    private final String bootstrapServers;

    public ConfigTopicFixture(String prefix) {
        this(KafkaBroker.bootstrapServers(), prefix);
    }

    public ConfigTopicFixture(String bootstrapServers, String prefix) {
        this.bootstrapServers = bootstrapServers;
        this.topic = prefix + "ats.config.v1";
        try (Admin admin = Admin.create(properties())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String newTenantId() {
        return "tn_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    public static String newWebhookId() {
        return "wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    /** Publishes an API-key record; returns the plaintext key. */
    public String publishKey(String tenantId, String... scopes) {
        String key = "atsr_test_" + UUID.randomUUID();
        String id = "key_" + UUID.randomUUID();
        String scopesJson = String.join(",", java.util.Arrays.stream(scopes).map(s -> "\"" + s + "\"").toList());
        send("api_key:" + id, "{\"type\":\"api_key\",\"id\":\"" + id + "\",\"tenantId\":\"" + tenantId + "\",\"hash\":\""
                + sha256(key) + "\",\"scopes\":[" + scopesJson + "]}");
        return key;
    }

    /** Publishes a webhook record whose secret is encrypted with the test key ring. */
    public void publishWebhook(String webhookId, String tenantId, long version, String url, String secret,
                               boolean enabled, String... eventTypes) {
        publishWebhook(webhookId, tenantId, version, url, secret, enabled, "{}", "{}", eventTypes);
    }

    /** … with filters and delivery settings, as JSON objects in the documented shape. */
    public void publishWebhook(String webhookId, String tenantId, long version, String url, String secret,
                               boolean enabled, String filtersJson, String settingsJson, String... eventTypes) {
        var webhook = new WebhookRecord(webhookId, tenantId, version, url, secret, enabled, filtersJson, settingsJson,
                List.of(eventTypes));
        send(webhook.key(), webhook.value());
    }

    /** One webhook record for {@link #publishWebhooks}: the arguments of {@link #publishWebhook}. */
    public record WebhookRecord(String webhookId, String tenantId, long version, String url, String secret,
                                boolean enabled, String filtersJson, String settingsJson, List<String> eventTypes) {

        String key() {
            return "webhook:" + webhookId;
        }

        String value() {
            String types = String.join(",", eventTypes.stream().map(t -> "\"" + t + "\"").toList());
            return "{\"type\":\"webhook\",\"id\":\"" + webhookId + "\",\"tenantId\":\"" + tenantId
                    + "\",\"version\":" + version + ",\"url\":\"" + url + "\",\"eventTypes\":[" + types + "],\"status\":\"active\",\"enabled\":"
                    + enabled + ",\"filters\":" + filtersJson + ",\"settings\":" + settingsJson
                    + ",\"secrets\":[{\"id\":\"whs_1\",\"ciphertext\":\"" + encrypt(secret, webhookId)
                    + "\",\"expiresAt\":null}]}";
        }
    }

    /**
     * Publishes many webhook records in order through one producer: thousands take seconds, where
     * {@link #publishWebhook} opens a producer per record (benchmarks with large tenants).
     */
    public void publishWebhooks(List<WebhookRecord> webhooks) {
        try (var producer = new KafkaProducer<>(properties(), new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (WebhookRecord w : webhooks) {
                sent.add(producer.send(new ProducerRecord<>(topic, w.key(), w.value())));
            }
            for (var f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Publishes a configuration document (docs/topics.md: {@code action}, {@code workflow}, {@code job_template},
     * {@code job_triggers}) under {@code <kind>:<tenantId>:<id>}: {@code body} is the document's JSON object without
     * the members type, id, tenantId and version, which are added.
     */
    public void publishDocument(String kind, String tenantId, String id, long version, String body) {
        String trimmed = body.strip();
        String members = "\"type\":\"" + kind + "\",\"id\":\"" + id + "\",\"tenantId\":\"" + tenantId + "\",\"version\":" + version;
        send(kind + ":" + tenantId + ":" + id, trimmed.equals("{}") ? "{" + members + "}" : "{" + members + "," + trimmed.substring(1));
    }

    /** The {@code secrets} member of an action document holding {@code secret}, encrypted for action {@code actionId}. */
    public static String actionSecrets(String actionId, String secret) {
        return "[{\"id\":\"whs_1\",\"ciphertext\":\"" + encrypt(secret, actionId) + "\",\"createdAt\":\"2026-01-01T00:00:00Z\"}]";
    }

    public void delete(String key) {
        send(key, null);
    }

    private void send(String key, String value) {
        try (var producer = new KafkaProducer<>(properties(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        return p;
    }

    static String encrypt(String plaintext, String owner) {
        try {
            byte[] iv = new byte[12];
            new SecureRandom().nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(SECRETS_KEY), "AES"),
                    new GCMParameterSpec(128, iv));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return "k1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String key) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
