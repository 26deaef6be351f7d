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
 * A broker of a test's own, in a separate JVM ({@link SecuredBrokerMain}): SASL/SCRAM-SHA-256 over
 * TLS (SASL_SSL, a certificate made for localhost at start, verified by every client) on free
 * ports, ACLs enforced, nothing allowed that no ACL allows. Every user gets a random password;
 * {@link #ADMIN} is the only super user. The test grants the rest what they need through {@link #admin()}.
 */
public final class SecuredKafka implements AutoCloseable {

    public static final String ADMIN = "admin";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final ChildJvm process;
    private final String bootstrapServers;
    private final Map<String, String> passwords;
    private final BrokerTls tls;

    private SecuredKafka(ChildJvm process, String bootstrapServers, Map<String, String> passwords, BrokerTls tls) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.passwords = passwords;
        this.tls = tls;
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
        BrokerTls tls;
        try {
            tls = BrokerTls.create(dataDir.resolve("tls"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot make the broker's TLS material", e);
        }
        Map<String, String> childEnv = new HashMap<>(tls.environment());
        childEnv.put(SecuredBrokerMain.USERS, spec);
        ChildJvm process = ChildJvm.start(SecuredBrokerMain.class.getSimpleName(), SecuredBrokerMain.class, childEnv,
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
        return new SecuredKafka(process, ports.host() + ":" + ports.port(), passwords, tls);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** What a client of this user needs: bootstrap servers and its SASL settings. */
    public Map<String, Object> clientConfig(String user) {
        Map<String, Object> config = new HashMap<>(saslClientConfig(user, password(user), tls));
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    /** The same settings as a service reads them from its environment (KAFKA_* passthrough). */
    public Map<String, String> kafkaEnvironment(String user) {
        return Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
                "KAFKA_SASL_JAAS_CONFIG", scramJaas(user, password(user)),
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "KAFKA_SSL_TRUSTSTORE_CERTIFICATES", tls.certificatePem());
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

    static Map<String, String> saslClientConfig(String user, String password, BrokerTls tls) {
        Map<String, String> config = new HashMap<>(tls.clientSettings());
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", "SCRAM-SHA-256");
        config.put("sasl.jaas.config", scramJaas(user, password));
        return config;
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
