package io.eventline.testsupport;

import io.eventline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventline.kafka.embedded.EmbeddedKafkaConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run in a JVM of its own by {@link SecuredKafka}: the embedded broker with SASL/SCRAM over TLS on its
 * client listener and the StandardAuthorizer denying whatever no ACL allows. Its own JVM, so that the test
 * JVM's shared broker and this one share no static state (metrics, JAAS, the authorizer's logs).
 *
 * <p>Arguments: data directory, client port, controller port. Users come in the environment
 * variable {@value #USERS} as {@code name:password,...}; the first one is the super user.
 */
public final class SecuredBrokerMain {

    static final String USERS = "SECURED_KAFKA_USERS";
    static final String READY = "SECURED-KAFKA-READY";

    private SecuredBrokerMain() {}

    public static void main(String[] args) {
        Map<String, String> users = parseUsers(System.getenv(USERS));
        BrokerTls tls = BrokerTls.fromEnvironment(System.getenv());
        String admin = users.keySet().iterator().next();
        EmbeddedKafkaConfig base = new EmbeddedKafkaConfig(Path.of(args[0]), "localhost", Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Map.of(), Map.of(), List.of(), Duration.ofSeconds(60));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(base.withOverrides(
                brokerOverrides(base, admin, users.get(admin), tls),
                SecuredKafka.saslClientConfig(admin, users.get(admin), tls),
                scramCredentials(users)));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "secured-kafka-shutdown"));
        System.out.println(READY + " " + broker.bootstrapServers());
        broker.awaitShutdown();
    }

    /**
     * Clients (and the broker itself, inter-broker) authenticate with SCRAM-SHA-256. The controller
     * listener uses SASL/PLAIN with the super user only: SCRAM cannot secure a KRaft controller
     * (its credentials live in the metadata the controller serves), and a PLAINTEXT controller
     * listener would make User:ANONYMOUS a super user for anyone who reaches that port.
     */
    static Map<String, String> brokerOverrides(EmbeddedKafkaConfig c, String admin, String password, BrokerTls tls) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("listeners", "SASL_SSL://" + c.host() + ":" + c.port() + ",CONTROLLER://" + c.host() + ":" + c.controllerPort());
        p.put("advertised.listeners", "SASL_SSL://" + c.host() + ":" + c.port());
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", "SASL_SSL");
        tls.brokerSettings().forEach(p::put);
        tls.clientSettings().forEach(p::put); // the broker is a client of its own listener (inter-broker)
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-256");
        p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-256");
        p.put("listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config", SecuredKafka.scramJaas(admin, password));
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"" + admin + "\" password=\"" + password + "\" user_" + admin + "=\"" + password + "\";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + admin);
        p.put("allow.everyone.if.no.acl.found", "false");
        return p;
    }

    /** SCRAM credentials are metadata records: written at format time, in kafka-storage's --add-scram syntax. */
    static List<String> scramCredentials(Map<String, String> users) {
        List<String> scram = new ArrayList<>();
        users.forEach((name, password) -> scram.add("SCRAM-SHA-256=[name=" + name + ",password=" + password + "]"));
        return scram;
    }

    static Map<String, String> parseUsers(String spec) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            int colon = pair.indexOf(':');
            users.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return users;
    }
}
