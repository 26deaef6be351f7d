package io.eventline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * A secured test broker's TLS material: a PKCS#12 keystore made with the JDK's keytool for
 * {@code localhost} and 127.0.0.1, and its certificate as PEM, which clients trust
 * ({@code ssl.truststore.type=PEM}), so that hostname verification stays on.
 */
record BrokerTls(Path keystore, String password) {

    static final String KEYSTORE = "SECURED_KAFKA_KEYSTORE";
    static final String PASSWORD = "SECURED_KAFKA_KEYSTORE_PASSWORD";

    static BrokerTls create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        return new BrokerTls(TestCertificates.localhostKeystore(dir.resolve("broker.p12"), "broker", password), password);
    }

    static BrokerTls fromEnvironment(Map<String, String> env) {
        return new BrokerTls(Path.of(env.get(KEYSTORE)), env.get(PASSWORD));
    }

    Map<String, String> environment() {
        return Map.of(KEYSTORE, keystore.toString(), PASSWORD, password);
    }

    /** The broker's certificate as PEM: what its clients trust. */
    String certificatePem() {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            byte[] der = store.getCertificate("broker").getEncoded();
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END CERTIFICATE-----";
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the broker's certificate", e);
        }
    }

    /** A client's TLS settings: trust the broker's certificate, verify its host name. */
    Map<String, String> clientSettings() {
        return Map.of("ssl.truststore.type", "PEM", "ssl.truststore.certificates", certificatePem());
    }

    /** The broker's listener settings for its keystore. */
    Map<String, String> brokerSettings() {
        return Map.of("ssl.keystore.type", "PKCS12", "ssl.keystore.location", keystore.toString(),
                "ssl.keystore.password", password, "ssl.key.password", password);
    }
}
