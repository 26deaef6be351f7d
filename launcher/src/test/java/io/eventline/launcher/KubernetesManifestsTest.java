package io.eventline.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.eventline.projection.console.ConsoleSettings;
import io.eventline.projection.saga.SagaSettings;
import io.eventline.service.config.ServiceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests in deploy/kubernetes, checked without a cluster: what the services need
 * to run as scaling stream applications there (a stable advertised name per pod for query routing,
 * the state directory on a volume, probes on the health routes, no more replicas than partitions,
 * credentials from a Secret, disruptions one pod at a time).
 */
class KubernetesManifestsTest {

    private static final Set<String> SERVICES = Set.of("command-service", "projection-streams");
    private static final Set<String> VARIABLES_READ = Stream.concat(ServiceSettings.VARIABLES.stream(),
            Stream.of(SagaSettings.DEADLINE_VARIABLE, ConsoleSettings.URL_VARIABLE)).collect(Collectors.toUnmodifiableSet());

    private static final List<JsonNode> documents = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        Path dir = repositoryRoot().resolve("deploy/kubernetes");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
                    docs.readAll().stream().filter(d -> !d.isNull() && !d.isEmpty()).forEach(documents::add);
                }
            }
        }
        assertThat(documents).as("manifests in " + dir).isNotEmpty();
    }

    @Test
    void each_service_is_a_stateful_set_with_its_state_directory_on_a_volume_of_its_own() {
        assertThat(statefulSets().keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
        statefulSets().forEach((name, set) -> {
            JsonNode container = container(set);
            String stateDir = env(set).get("EVENTLINE_STATE_DIR");
            assertThat(stateDir).as(name + " EVENTLINE_STATE_DIR").isNotBlank();
            List<String> claims = new ArrayList<>();
            set.path("spec").path("volumeClaimTemplates").forEach(t -> claims.add(t.path("metadata").path("name").asText()));
            boolean onAClaim = false;
            for (JsonNode mount : container.path("volumeMounts")) {
                if (claims.contains(mount.path("name").asText()) && stateDir.startsWith(mount.path("mountPath").asText())) {
                    onAClaim = true;
                }
            }
            assertThat(onAClaim).as(name + ": the state directory is on a volumeClaimTemplate's volume").isTrue();
        });
    }

    @Test
    void each_pod_advertises_its_own_stable_dns_name_through_a_headless_service_that_selects_it() {
        statefulSets().forEach((name, set) -> {
            String serviceName = set.path("spec").path("serviceName").asText();
            JsonNode headless = byKindAndName("Service", serviceName);
            assertThat(headless).as(name + ": its serviceName names a Service").isNotNull();
            assertThat(headless.path("spec").path("clusterIP").asText()).as(serviceName + " is headless").isEqualTo("None");
            assertThat(selects(headless.path("spec").path("selector"), podLabels(set))).as(serviceName + " selects " + name).isTrue();

            Map<String, JsonNode> env = envNodes(set);
            assertThat(env.get("POD_NAME").path("valueFrom").path("fieldRef").path("fieldPath").asText())
                    .isEqualTo("metadata.name");
            assertThat(env.get("EVENTLINE_ADVERTISED_HOST").path("value").asText())
                    .as(name + ": <pod>.<headless service>, which every pod can resolve").isEqualTo("$(POD_NAME)." + serviceName);
            assertThat(names(env).indexOf("POD_NAME")).as("POD_NAME is defined before it is used")
                    .isLessThan(names(env).indexOf("EVENTLINE_ADVERTISED_HOST"));
        });
    }

    @Test
    void readiness_and_liveness_are_the_health_routes_on_the_port_the_service_listens_on() {
        statefulSets().forEach((name, set) -> {
            JsonNode container = container(set);
            String port = env(set).get("EVENTLINE_HTTP_PORT");
            Map<String, Integer> ports = new HashMap<>();
            container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            assertThat(probe(container, "readinessProbe")).isEqualTo("/health/ready");
            assertThat(probe(container, "livenessProbe")).isEqualTo("/health/live");
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                JsonNode target = container.path(probe).path("httpGet").path("port");
                int probed = target.isInt() ? target.asInt() : ports.getOrDefault(target.asText(), -1);
                assertThat(String.valueOf(probed)).as(name + " " + probe + " port").isEqualTo(port);
            }
        });
    }

    @Test
    void no_more_replicas_than_partitions_and_a_disruption_budget_of_one_pod() {
        int partitions = Integer.parseInt(configMap().path("data").path("EVENTLINE_PARTITIONS").asText());
        statefulSets().forEach((name, set) -> {
            assertThat(set.path("spec").path("replicas").asInt()).as(name + " replicas").isBetween(1, partitions);
            JsonNode budget = byKindAndName("PodDisruptionBudget", name);
            assertThat(budget).as(name + " PodDisruptionBudget").isNotNull();
            assertThat(budget.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
            assertThat(selects(budget.path("spec").path("selector").path("matchLabels"), podLabels(set))).isTrue();
        });
    }

    @Test
    void settings_come_from_the_config_map_and_the_token_from_a_secret_and_every_variable_is_one_the_services_read() {
        configMap().path("data").properties().forEach(e ->
                assertThat(VARIABLES_READ).as("ConfigMap key " + e.getKey()).contains(e.getKey()));
        statefulSets().forEach((name, set) -> {
            JsonNode container = container(set);
            assertThat(container.path("envFrom").findValuesAsText("name")).contains(configMap().path("metadata").path("name").asText());
            Map<String, JsonNode> env = envNodes(set);
            assertThat(env.get("EVENTLINE_HTTP_TOKEN").path("valueFrom").path("secretKeyRef").path("name").asText())
                    .as(name + ": the token is a Secret, never a literal").isNotBlank();
            env.keySet().stream().filter(v -> !v.equals("POD_NAME"))
                    .forEach(v -> assertThat(VARIABLES_READ).as(name + " variable " + v).contains(v));
            assertThat(container.path("resources").path("limits").path("memory").asText()).as(name + " memory limit").isNotBlank();
            assertThat(set.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asInt())
                    .as("longer than the service's own 30 s bound on shutdown").isGreaterThan(30);
        });
    }

    private static Map<String, JsonNode> statefulSets() {
        Map<String, JsonNode> sets = new HashMap<>();
        documents.stream().filter(d -> d.path("kind").asText().equals("StatefulSet"))
                .forEach(d -> sets.put(d.path("metadata").path("name").asText(), d));
        return sets;
    }

    private static JsonNode configMap() {
        return documents.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")).findFirst().orElseThrow();
    }

    private static JsonNode byKindAndName(String kind, String name) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).findFirst().orElse(null);
    }

    private static JsonNode container(JsonNode set) {
        return set.path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static JsonNode podLabels(JsonNode set) {
        return set.path("spec").path("template").path("metadata").path("labels");
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return false;
        }
        for (var entry : selector.properties()) {
            if (!labels.path(entry.getKey()).asText().equals(entry.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> envNodes(JsonNode set) {
        Map<String, JsonNode> env = new java.util.LinkedHashMap<>();
        container(set).path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    private static List<String> names(Map<String, JsonNode> env) {
        return List.copyOf(env.keySet());
    }

    private static Map<String, String> env(JsonNode set) {
        Map<String, String> values = new HashMap<>();
        configMap().path("data").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        envNodes(set).forEach((name, e) -> {
            if (e.has("value")) {
                values.put(name, e.path("value").asText());
            }
        });
        return values;
    }

    private static String probe(JsonNode container, String probe) {
        return container.path(probe).path("httpGet").path("path").asText();
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/kubernetes")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new AssertionError("no deploy/kubernetes beside mvnw above " + Path.of("").toAbsolutePath());
    }
}
