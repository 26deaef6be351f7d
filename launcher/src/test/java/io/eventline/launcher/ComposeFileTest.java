package io.eventline.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.eventline.projection.console.ConsoleSettings;
import io.eventline.projection.saga.SagaSettings;
import io.eventline.service.config.ServiceSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository's docker-compose.yml, checked without a Docker engine: everything `docker compose up`
 * needs to start the services in order and let the instances find each other.
 */
class ComposeFileTest {

    private static final String COMMAND_IMAGE = "eventline/command-service";
    private static final String PROJECTION_IMAGE = "eventline/projection-streams";
    /** What each image reads from the environment; a variable outside these would be silently ignored. */
    private static final Map<String, Set<String>> VARIABLES_READ = Map.of(
            COMMAND_IMAGE, Set.copyOf(ServiceSettings.VARIABLES),
            PROJECTION_IMAGE, Stream.concat(ServiceSettings.VARIABLES.stream(), Stream.of(SagaSettings.DEADLINE_VARIABLE, ConsoleSettings.URL_VARIABLE))
                    .collect(Collectors.toUnmodifiableSet()));
    private static final Pattern READY_URL = Pattern.compile("http://localhost:(\\d+)/health/ready");

    private static JsonNode compose;
    private static Map<String, Service> services;

    @BeforeAll
    static void parse() throws Exception {
        compose = new YAMLMapper().readTree(composeFile().toFile());
        services = new LinkedHashMap<>();
        compose.path("services").properties().forEach(e -> services.put(e.getKey(), new Service(e.getKey(), e.getValue())));
        assertThat(services).as("services in docker-compose.yml").isNotEmpty();
    }

    @Test
    void every_service_has_an_image_and_a_healthcheck() {
        services.values().forEach(s -> {
            assertThat(s.node.path("image").asText()).as(s.name + " image").isNotBlank();
            JsonNode check = s.node.path("healthcheck");
            assertThat(check.path("disable").asBoolean(false)).as(s.name + " healthcheck disabled").isFalse();
            assertThat(s.healthcheck()).as(s.name + " healthcheck test").isNotBlank().doesNotStartWith("NONE");
        });
    }

    @Test
    void every_dependency_is_a_defined_service_that_must_be_healthy_first() {
        services.values().forEach(s -> {
            JsonNode dependsOn = s.node.path("depends_on");
            if (dependsOn.isMissingNode()) {
                return;
            }
            assertThat(dependsOn.isObject()).as(s.name + " depends_on must name a condition for each service").isTrue();
            dependsOn.properties().forEach(d -> {
                assertThat(services).as(s.name + " depends on").containsKey(d.getKey());
                assertThat(d.getValue().path("condition").asText()).as(s.name + " -> " + d.getKey())
                        .isEqualTo("service_healthy");
            });
        });
    }

    @Test
    void runs_two_instances_of_each_eventline_service() {
        assertThat(instances().stream().map(Service::repository))
                .containsExactlyInAnyOrder(COMMAND_IMAGE, COMMAND_IMAGE, PROJECTION_IMAGE, PROJECTION_IMAGE);
    }

    @Test
    void every_eventline_variable_set_is_one_the_service_reads() {
        services.values().forEach(s -> s.environment().keySet().stream()
                .filter(name -> name.startsWith("EVENTLINE_"))
                .forEach(name -> assertThat(VARIABLES_READ.getOrDefault(s.repository(), Set.of()))
                        .as(s.name + " (" + s.repository() + ") sets " + name + ", which it does not read")
                        .contains(name)));
    }

    @Test
    void each_instance_listens_where_its_healthcheck_and_published_port_point() {
        instances().forEach(s -> {
            int port = Integer.parseInt(s.required("EVENTLINE_HTTP_PORT"));
            Matcher ready = READY_URL.matcher(s.healthcheck());
            assertThat(ready.find()).as(s.name + " healthcheck asks " + READY_URL.pattern()).isTrue();
            assertThat(Integer.parseInt(ready.group(1))).as(s.name + " healthcheck port").isEqualTo(port);
            assertThat(s.published()).as(s.name + " published ports").extracting(Published::container).containsExactly(port);
        });
    }

    @Test
    void published_ports_are_unique() {
        List<Integer> hostPorts = services.values().stream()
                .flatMap(s -> s.published().stream()).map(Published::host).flatMap(Optional::stream).toList();
        assertThat(hostPorts).doesNotHaveDuplicates().isNotEmpty();
    }

    @Test
    void each_instance_advertises_its_own_service_name() {
        instances().forEach(s -> assertThat(s.required("EVENTLINE_ADVERTISED_HOST")).as(s.name).isEqualTo(s.name));
    }

    @Test
    void each_instance_keeps_its_state_on_a_named_volume_of_its_own() {
        Set<String> declared = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(declared::add);
        Set<String> used = new HashSet<>();
        instances().forEach(s -> {
            Path stateDir = Path.of(s.required("EVENTLINE_STATE_DIR"));
            String volume = s.volumes().entrySet().stream()
                    .filter(v -> stateDir.startsWith(Path.of(v.getValue())))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseGet(() -> fail(s.name + ": no volume holds " + stateDir));
            assertThat(declared).as(s.name + " volume " + volume + " is a named volume").contains(volume);
            assertThat(used.add(volume)).as(s.name + " shares volume " + volume).isTrue();
        });
    }

    @Test
    void instances_reach_kafka_and_a_backward_transitive_registry_by_services_they_wait_for() {
        instances().forEach(s -> {
            Set<String> waitsFor = new HashSet<>();
            s.node.path("depends_on").fieldNames().forEachRemaining(waitsFor::add);
            for (String server : s.required("EVENTLINE_BOOTSTRAP_SERVERS").split(",")) {
                assertThat(waitsFor).as(s.name + " bootstrap server " + server).contains(server.trim().split(":")[0]);
            }
            String registry = URI.create(s.required("EVENTLINE_SCHEMA_REGISTRY_URL")).getHost();
            assertThat(waitsFor).as(s.name + " schema registry").contains(registry);
            assertThat(services.get(registry).environment()).as(registry + " compatibility level")
                    .containsEntry("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL", "BACKWARD_TRANSITIVE");
        });
    }

    private static List<Service> instances() {
        return services.values().stream().filter(s -> VARIABLES_READ.containsKey(s.repository())).toList();
    }

    private static Path composeFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve("docker-compose.yml");
            }
        }
        throw new AssertionError("no docker-compose.yml beside mvnw above " + Path.of("").toAbsolutePath());
    }

    private record Published(Optional<Integer> host, int container) {}

    /** One service entry, in either of Compose's spellings (list or map) for environment, ports and volumes. */
    private record Service(String name, JsonNode node) {

        String repository() {
            return node.path("image").asText().replaceFirst(":[^:/]+$", "");
        }

        String required(String variable) {
            String value = environment().get(variable);
            assertThat(value).as(name + " sets " + variable).isNotBlank();
            return value;
        }

        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            JsonNode node = this.node.path("environment");
            if (node.isArray()) {
                node.valueStream().map(JsonNode::asText)
                        .forEach(entry -> env.put(entry.split("=", 2)[0], entry.contains("=") ? entry.split("=", 2)[1] : ""));
            } else {
                node.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            }
            return env;
        }

        String healthcheck() {
            JsonNode test = node.path("healthcheck").path("test");
            if (!test.isArray()) {
                return test.asText();
            }
            List<String> parts = new ArrayList<>();
            test.valueStream().map(JsonNode::asText).forEach(parts::add);
            return String.join(" ", parts);
        }

        List<Published> published() {
            return node.path("ports").valueStream().map(p -> {
                if (p.isObject()) {
                    return new Published(Optional.ofNullable(p.get("published")).map(JsonNode::asInt), p.path("target").asInt());
                }
                String[] parts = p.asText().replaceFirst("/(tcp|udp)$", "").split(":");
                int container = Integer.parseInt(parts[parts.length - 1]);
                return new Published(parts.length > 1 ? Optional.of(Integer.parseInt(parts[parts.length - 2])) : Optional.empty(),
                        container);
            }).toList();
        }

        /** Volume source to mount point. */
        Map<String, String> volumes() {
            Map<String, String> volumes = new LinkedHashMap<>();
            node.path("volumes").valueStream().forEach(v -> {
                if (v.isObject()) {
                    volumes.put(v.path("source").asText(), v.path("target").asText());
                } else {
                    String[] parts = v.asText().split(":");
                    volumes.put(parts[0], parts.length > 1 ? parts[1] : parts[0]);
                }
            });
            return volumes;
        }
    }
}
