package dev.atomicint.store;

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
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of a {@code rediss://} address: the JVM's trust store, or the PEM certificates of
 * its {@code ca} file; with {@code cert} and {@code key}, a client certificate for servers that ask
 * for one. A file that cannot be read or parsed throws IllegalArgumentException naming it.
 */
final class TlsContexts {

    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {}

    static SSLContext of(StoreAddress.Tls tls) {
        try {
            TrustManagerFactory trust = null;
            if (tls.ca() != null) {
                KeyStore authorities = KeyStore.getInstance(KeyStore.getDefaultType());
                authorities.load(null, null);
                int i = 0;
                for (Certificate certificate : certificates(tls.ca(), "ca")) {
                    authorities.setCertificateEntry("ca-" + i++, certificate);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(authorities);
            }
            KeyManagerFactory keys = null;
            if (tls.cert() != null) {
                KeyStore identity = KeyStore.getInstance(KeyStore.getDefaultType());
                identity.load(null, null);
                identity.setKeyEntry("client", privateKey(tls.key()), NO_PASSWORD,
                        certificates(tls.cert(), "cert").toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity, NO_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set TLS up: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(String file, String parameter) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("the " + parameter + " file " + file + " holds no PEM certificate");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the " + parameter + " file " + file + " holds no readable PEM certificate", e);
        }
    }

    /** An unencrypted PKCS#8 PEM key ({@code -----BEGIN PRIVATE KEY-----}), RSA or EC. */
    private static PrivateKey privateKey(String file) throws IOException {
        String pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the key file " + file + " holds no unencrypted PKCS#8 PEM key"
                    + " (-----BEGIN PRIVATE KEY-----; convert with openssl pkcs8 -topk8 -nocrypt)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next
            }
        }
        throw new IllegalArgumentException("the key file " + file + " holds a key of an unknown algorithm (RSA, EC or Ed25519 expected)");
    }
}
