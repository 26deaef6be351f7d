package io.eventline.service.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the HTTP API: the instance's certificate and key, from a PKCS#12 keystore or from PEM
 * files (a certificate chain and an unencrypted PKCS#8 key), and whom it trusts when it forwards a
 * query to another instance: the CA certificates in {@code ca} (PEM), or else its own certificate
 * chain (instances that share one certificate, or one CA as the chain's last element).
 *
 * @param keystore         {@code EVENTLINE_HTTP_TLS_KEYSTORE}: a PKCS#12 file
 * @param keystorePassword {@code EVENTLINE_HTTP_TLS_KEYSTORE_PASSWORD} (a secret: give it as a _FILE)
 * @param certificate      {@code EVENTLINE_HTTP_TLS_CERT}: PEM, the instance's certificate first
 * @param key              {@code EVENTLINE_HTTP_TLS_KEY}: PEM, PKCS#8 ("BEGIN PRIVATE KEY")
 * @param ca               {@code EVENTLINE_HTTP_TLS_CA}: PEM, the certificates peers are checked against
 */
public record HttpTls(Optional<Path> keystore, Optional<String> keystorePassword, Optional<Path> certificate,
                      Optional<Path> key, Optional<Path> ca) {

    public static HttpTls none() {
        return new HttpTls(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether the HTTP API serves TLS: then instances forward to each other over TLS too. */
    public boolean enabled() {
        return keystore.isPresent() || certificate.isPresent();
    }

    /** The scheme of this service's URLs: {@code https} with TLS. */
    public String scheme() {
        return enabled() ? "https" : "http";
    }

    /**
     * The server side: the instance's key and certificate.
     *
     * @throws IllegalArgumentException when the configuration is incomplete or a file does not read
     */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity(), password());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the HTTP TLS key and certificate cannot be used: " + e.getMessage(), e);
        }
    }

    /** The client side, for forwarding to other instances: trusts {@code ca}, else the instance's own chain. */
    public SSLContext clientContext() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            List<Certificate> anchors = new ArrayList<>();
            if (ca.isPresent()) {
                anchors.addAll(certificates(ca.get(), "EVENTLINE_HTTP_TLS_CA"));
            } else {
                KeyStore identity = identity();
                for (String alias : java.util.Collections.list(identity.aliases())) {
                    Certificate[] chain = identity.getCertificateChain(alias);
                    if (chain != null) {
                        anchors.addAll(List.of(chain));
                    }
                }
            }
            for (int i = 0; i < anchors.size(); i++) {
                trusted.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the HTTP TLS trust cannot be built: " + e.getMessage(), e);
        }
    }

    private char[] password() {
        return keystorePassword.orElse("").toCharArray();
    }

    private KeyStore identity() throws GeneralSecurityException {
        try {
            if (keystore.isPresent()) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keystore.get())) {
                    store.load(in, password());
                }
                return store;
            }
            Path cert = certificate.orElseThrow(() -> new IllegalArgumentException(
                    "HTTP TLS needs EVENTLINE_HTTP_TLS_KEYSTORE, or EVENTLINE_HTTP_TLS_CERT with EVENTLINE_HTTP_TLS_KEY"));
            Path keyFile = key.orElseThrow(() -> new IllegalArgumentException(
                    "EVENTLINE_HTTP_TLS_CERT is set without EVENTLINE_HTTP_TLS_KEY"));
            List<Certificate> chain = certificates(cert, "EVENTLINE_HTTP_TLS_CERT");
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("http", privateKey(keyFile), password(), chain.toArray(Certificate[]::new));
            return store;
        } catch (IOException e) {
            throw new IllegalArgumentException("an HTTP TLS file cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(Path pem, String variable) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (read.isEmpty()) {
                throw new IllegalArgumentException(variable + " (" + pem + ") holds no certificate");
            }
            return read.stream().filter(X509Certificate.class::isInstance).map(Certificate.class::cast).toList();
        }
    }

    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("EVENTLINE_HTTP_TLS_KEY (" + pem + ") must be an unencrypted PKCS#8 key"
                    + " (-----BEGIN PRIVATE KEY-----; convert with: openssl pkcs8 -topk8 -nocrypt)");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("EVENTLINE_HTTP_TLS_KEY (" + pem + ") is no RSA, EC or Ed25519 key");
    }
}
