package io.eventline.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Certificates for tests, made with the running JDK's keytool: nothing to install, nothing committed. */
public final class TestCertificates {

    private TestCertificates() {}

    /**
     * A PKCS#12 keystore at {@code keystore} holding an EC key and a self-signed certificate for
     * {@code localhost} and 127.0.0.1 under {@code alias}, store and key protected by {@code password}.
     */
    public static Path localhostKeystore(Path keystore, String alias, String password) throws IOException, InterruptedException {
        Files.deleteIfExists(keystore);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "7", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool could not make a keystore at " + keystore + ": " + output);
        }
        return keystore;
    }
}
