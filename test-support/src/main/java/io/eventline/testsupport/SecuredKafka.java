package io.eventline.testsupport;

import io.eventline.kafka.embedded.ChildJvm;

import io.eventline.kafka.embedded.EmbeddedKafkaConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * A broker of a test's own, in a separate JVM ({@link SecuredBrokerMain}): SASL/SCRAM-SHA-256 on
 * free ports, ACLs enforced, nothing allowed that no ACL allows. Every user gets a random password;
 * {@link #ADMIN} is the only super user. The test grants the rest what they need through {@link #admin()}.
 */
public final class SecuredKafka implements AutoCloseable {

    public static final String ADMIN = "admin";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final ChildJvm process;
    private final String bootstrapServers;
    private final Map<String, String> passwords;

    private SecuredKafka(ChildJvm process, String bootstrapServers, Map<String, String> passwords) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.passwords = passwords;
    }

    /** Starts the broker with {@link #ADMIN} and these users, and returns once it answers the admin. */
    public static SecuredKafka start(Path dataDir, List<String> users) throws InterruptedException {
        Map<String, String> passwords = new LinkedHashMap<>();
        SecureRandom random = new SecureRandom();
        for (String user : prepend(ADMIN, users)) {
            byte[] secret = new byte[12];
            random.nextBytes(secret);
            passwords.put(user, HexFormat.of().formatHex(secret));
        }
        EmbeddedKafkaConfig ports = EmbeddedKafkaConfig.onFreePorts(dataDir);
        String spec = passwords.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
        ChildJvm process = ChildJvm.start(SecuredBrokerMain.class.getSimpleName(), SecuredBrokerMain.class, Map.of(SecuredBrokerMain.USERS, spec),
                List.of("-Xmx384m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"),
                dataDir.toString(), String.valueOf(ports.port()), String.valueOf(ports.controllerPort()));
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!process.output().contains(SecuredBrokerMain.READY)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String output = process.output();
                process.close();
                throw new IllegalStateException("the secured broker did not start within " + STARTUP + ":\n" + output);
            }
            Thread.sleep(100);
        }
        return new SecuredKafka(process, ports.host() + ":" + ports.port(), passwords);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** What a client of this user needs: bootstrap servers and its SASL settings. */
    public Map<String, Object> clientConfig(String user) {
        Map<String, Object> config = new HashMap<>(saslClientConfig(user, password(user)));
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    /** The same settings as a service reads them from its environment (KAFKA_* passthrough). */
    public Map<String, String> kafkaEnvironment(String user) {
        return Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
                "KAFKA_SASL_JAAS_CONFIG", scramJaas(user, password(user)));
    }

    /** An Admin client of the super user; the caller closes it. */
    public Admin admin() {
        return Admin.create(clientConfig(ADMIN));
    }

    public String brokerLog() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }

    static Map<String, String> saslClientConfig(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-256",
                "sasl.jaas.config", scramJaas(user, password));
    }

    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no user " + user + " on this broker (users: " + passwords.keySet() + ")");
        }
        return password;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
