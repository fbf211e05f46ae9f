package dev.atsrelay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container and cluster manifests, checked statically (no Docker engine or cluster on our machines): the YAML
 * parses, the required fields are there, and images, ports, probes and environment agree with each service's own
 * application.yml (its port, and the environment variables it reads).
 */
@SuppressWarnings("unchecked")
class DeploymentManifestTests {

    private static final Path ROOT = Path.of(System.getProperty("atsrelay.root"));
    private static final List<String> SERVICES = List.of("config-service", "event-ingest-service", "dispatcher-service", "marketplace-service");
    /** Set by the manifests but not read by application.yml: a helper for $(DATABASE_HOST) and the JVM's options. */
    private static final Set<String> AUXILIARY_ENV = Set.of("DATABASE_HOST", "JAVA_TOOL_OPTIONS");
    /** Read by a service but empty by default on purpose: production leaves the SSRF exceptions empty. */
    private static final Set<String> OPTIONAL_EMPTY = Set.of("ATSRELAY_SSRF_ALLOW");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");

    /** A service's configuration as its application.yml declares it. */
    record ServiceConfig(String name, int port, String database, Map<String, String> envDefaults) {

        static ServiceConfig of(String name) throws IOException {
            String yml = Files.readString(ROOT.resolve(name + "/src/main/resources/application.yml"));
            Map<String, String> env = new HashMap<>();
            Matcher m = PLACEHOLDER.matcher(yml);
            while (m.find()) {
                env.put(m.group(1), m.group(2));
            }
            String jdbc = env.get("DATABASE_JDBC_URL");
            return new ServiceConfig(name, Integer.parseInt(env.get("PORT")), jdbc.substring(jdbc.lastIndexOf('/') + 1), env);
        }

        /** Variables without a usable default (secrets), plus where Kafka and the database are: must be set. */
        Set<String> required() {
            Set<String> required = new TreeSet<>(Set.of("KAFKA_BOOTSTRAP_SERVERS", "DATABASE_R2DBC_URL", "DATABASE_JDBC_URL",
                    "DATABASE_USER", "DATABASE_PASSWORD"));
            envDefaults.forEach((k, v) -> {
                if (v.isEmpty() && !OPTIONAL_EMPTY.contains(k)) {
                    required.add(k);
                }
            });
            required.retainAll(envDefaults.keySet());
            return required;
        }
    }

    @Test
    void kubernetesWorkloadsMatchEachServicesConfiguration() throws IOException {
        Map<String, List<Map<String, Object>>> byKind = new HashMap<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc : new Yaml().loadAll(Files.readString(f))) {
                    var m = (Map<String, Object>) doc;
                    assertThat(m).as(f + ": a document").containsKeys("apiVersion", "kind", "metadata");
                    byKind.computeIfAbsent((String) m.get("kind"), k -> new ArrayList<>()).add(m);
                }
            }
        }
        Map<String, Object> secretData = (Map<String, Object>) one(byKind, "Secret", "atsrelay").get("stringData");
        Map<String, Object> configData = (Map<String, Object>) one(byKind, "ConfigMap", "atsrelay").get("data");
        for (String name : SERVICES) {
            var config = ServiceConfig.of(name);
            var workload = name.equals("dispatcher-service") ? one(byKind, "StatefulSet", name) : one(byKind, "Deployment", name);
            var spec = map(workload, "spec");
            var labels = map(map(map(spec, "template"), "metadata"), "labels");
            assertThat(map(map(spec, "selector"), "matchLabels")).as(name + " selector").isNotEmpty().allSatisfy((k, v) -> assertThat(labels).containsEntry(k, v));
            var containers = (List<Map<String, Object>>) map(map(spec, "template"), "spec").get("containers");
            assertThat(containers).hasSize(1);
            var c = containers.get(0);
            assertThat((String) c.get("image")).as(name + " image").startsWith("atsrelay/" + name + ":");
            var ports = (List<Map<String, Object>>) c.get("ports");
            assertThat(ports).as(name + " port").containsExactly(Map.of("name", "http", "containerPort", config.port()));
            assertThat(map(map(c, "readinessProbe"), "httpGet")).containsEntry("path", "/actuator/health/readiness").containsEntry("port", "http");
            assertThat(map(map(c, "livenessProbe"), "httpGet")).containsEntry("path", "/actuator/health/liveness").containsEntry("port", "http");
            assertThat(map(map(c, "resources"), "requests")).containsKeys("cpu", "memory");
            assertThat(map(map(c, "resources"), "limits")).containsKey("memory");

            Map<String, Map<String, Object>> env = new HashMap<>();
            ((List<Map<String, Object>>) c.get("env")).forEach(e -> env.put((String) e.get("name"), e));
            assertEnv(name, config, env.keySet());
            assertThat(env.get("PORT")).containsEntry("value", String.valueOf(config.port()));
            assertThat((String) env.get("DATABASE_R2DBC_URL").get("value")).startsWith("r2dbc:postgresql://").endsWith("/" + config.database());
            assertThat((String) env.get("DATABASE_JDBC_URL").get("value")).startsWith("jdbc:postgresql://").endsWith("/" + config.database());
            env.values().stream().filter(e -> e.containsKey("valueFrom")).forEach(e -> {
                var from = map(e, "valueFrom");
                if (from.containsKey("secretKeyRef")) {
                    assertThat(secretData).as(name + " " + e.get("name")).containsKey((String) map(from, "secretKeyRef").get("key"));
                } else if (from.containsKey("configMapKeyRef")) {
                    assertThat(configData).as(name + " " + e.get("name")).containsKey((String) map(from, "configMapKeyRef").get("key"));
                }
            });

            var service = one(byKind, "Service", name);
            assertThat(map(map(service, "spec"), "selector")).isEqualTo(map(map(spec, "selector"), "matchLabels"));
            assertThat((List<Map<String, Object>>) map(service, "spec").get("ports"))
                    .containsExactly(Map.of("name", "http", "port", config.port(), "targetPort", "http"));
            var pdb = one(byKind, "PodDisruptionBudget", name);
            assertThat(map(map(pdb, "spec"), "selector")).isEqualTo(map(spec, "selector"));
        }

        // the dispatcher: static membership from the pod name, an autoscaler bounded by the partitions
        var dispatcher = one(byKind, "StatefulSet", "dispatcher-service");
        var dispatcherEnv = (List<Map<String, Object>>) ((List<Map<String, Object>>) map(map(map(dispatcher, "spec"), "template"), "spec")
                .get("containers")).get(0).get("env");
        assertThat(dispatcherEnv).anySatisfy(e -> {
            assertThat(e).containsEntry("name", "DISPATCHER_INSTANCE_ID");
            assertThat(map(map(e, "valueFrom"), "fieldRef")).containsEntry("fieldPath", "metadata.name");
        });
        var hpa = one(byKind, "HorizontalPodAutoscaler", "dispatcher-service");
        assertThat(map(map(hpa, "spec"), "scaleTargetRef")).containsEntry("kind", "StatefulSet").containsEntry("name", "dispatcher-service");
        int maxReplicas = (Integer) map(hpa, "spec").get("maxReplicas");
        assertThat(maxReplicas).as("more dispatchers than partitions of ats.events.v1 would idle")
                .isLessThanOrEqualTo(eventPartitions());
        assertThat(dispatcherEnv).as("DISPATCHER_INSTANCES = maxReplicas: an endpoint's rate limit is never exceeded")
                .anySatisfy(e -> assertThat(e).containsEntry("name", "DISPATCHER_INSTANCES").containsEntry("value", String.valueOf(maxReplicas)));
    }

    @Test
    void composeRunsKafkaPostgresTheFourServicesPrometheusAndGrafanaOnLoopbackPorts() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("deploy/compose/compose.yaml")));
        var services = map(compose, "services");
        assertThat(services).containsKeys("kafka", "postgres", "prometheus", "grafana").containsKeys(SERVICES.toArray(String[]::new));
        assertThat((String) map(services, "kafka").get("image")).startsWith("apache/kafka:");
        assertThat(map(map(services, "kafka"), "environment")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        String init = Files.readString(ROOT.resolve("deploy/compose/postgres-init.sql"));
        for (String name : SERVICES) {
            var config = ServiceConfig.of(name);
            var s = map(services, name);
            assertThat((String) s.get("image")).startsWith("atsrelay/" + name + ":");
            var build = map(s, "build");
            assertThat(build).containsEntry("dockerfile", "deploy/docker/Dockerfile");
            assertThat(map(build, "args")).containsEntry("SERVICE", name).containsEntry("PORT", String.valueOf(config.port()));
            var env = map(s, "environment");
            assertEnv(name, config, env.keySet());
            assertThat(env).containsEntry("PORT", String.valueOf(config.port()));
            assertThat((String) env.get("DATABASE_R2DBC_URL")).endsWith("/" + config.database());
            assertThat((String) env.get("DATABASE_JDBC_URL")).endsWith("/" + config.database());
            assertThat(init).contains("CREATE DATABASE " + config.database() + ";");
            assertThat((List<String>) s.get("ports")).containsExactly("127.0.0.1:" + config.port() + ":" + config.port());
        }
        for (String infra : List.of("prometheus", "grafana")) {
            assertThat((List<String>) map(services, infra).get("ports")).allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
        }
        assertThat(Files.readString(ROOT.resolve("deploy/compose/prometheus.yml")))
                .contains(SERVICES.stream().map(n -> n + ":" + port(n)).toArray(String[]::new));
    }

    @Test
    void theDockerfileRunsTheBuiltJarOfTheServiceItIsGiven() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/docker/Dockerfile"));
        assertThat(dockerfile).contains("ARG SERVICE", "ARG PORT", "ARG VERSION=" + System.getProperty("atsrelay.version"),
                "COPY ${SERVICE}/target/${SERVICE}-${VERSION}.jar", "EXPOSE ${PORT}", "/actuator/health/readiness");
        assertThat(dockerfile).containsPattern("(?m)^USER [0-9]+$");
    }

    @Test
    void theLocalScrapeConfigurationNamesEachServiceOnItsLoopbackPort() throws IOException {
        Map<String, Object> prometheus = new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml")));
        var jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
        for (String name : SERVICES) {
            assertThat(jobs).anySatisfy(j -> {
                assertThat(j).containsEntry("job_name", name).containsEntry("metrics_path", "/actuator/prometheus");
                assertThat(j.get("static_configs").toString()).contains("127.0.0.1:" + port(name));
            });
        }
    }

    private static void assertEnv(String name, ServiceConfig config, Set<String> set) {
        assertThat(set).as(name + ": variables its application.yml reads").allSatisfy(v ->
                assertThat(config.envDefaults().containsKey(v) || AUXILIARY_ENV.contains(v)).as(v).isTrue());
        assertThat(set).as(name + ": variables without a default").containsAll(config.required());
    }

    private static int port(String name) {
        try {
            return ServiceConfig.of(name).port();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int eventPartitions() throws IOException {
        Matcher m = Pattern.compile("(?s)events:\\s*\\n.*?partitions: (\\d+)")
                .matcher(Files.readString(ROOT.resolve("dispatcher-service/src/main/resources/application.yml")));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static Map<String, Object> one(Map<String, List<Map<String, Object>>> byKind, String kind, String name) {
        var found = byKind.getOrDefault(kind, List.of()).stream().filter(d -> name.equals(map(d, "metadata").get("name"))).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertThat(v).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) v;
    }
}
