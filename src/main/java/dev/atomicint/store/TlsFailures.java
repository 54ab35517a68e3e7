package dev.atomicint.store;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;

/** What went wrong in a TLS connection, in words a user can act on, from the exception chain of a failed connect or call. */
final class TlsFailures {

    private TlsFailures() {}

    /** A description, or null when {@code failure} is no TLS failure. */
    static String describe(Throwable failure) {
        boolean tls = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return "TLS: the server's certificate is outside its validity dates (" + t.getMessage() + ")";
            }
            tls |= t instanceof SSLException;
        }
        if (!tls) {
            return null;
        }
        String text = chain(failure);
        if (text.contains("subject alternative") || text.contains("No name matching") || text.contains("No subject alternative")) {
            return "TLS: the server's certificate does not name the host of the address (" + rootMessage(failure) + ")";
        }
        if (text.contains("unable to find valid certification path") || text.contains("PKIX path")) {
            return "TLS: the server's certificate is not signed by a trusted authority (give its CA with ca=file, or add it to"
                    + " the JVM's trust store)";
        }
        if (text.contains("certificate_required") || text.contains("bad_certificate") || text.contains("handshake_failure")) {
            return "TLS: the server refused the client certificate, or requires one (give cert=file&key=file): " + rootMessage(failure);
        }
        return "TLS: " + rootMessage(failure);
    }

    private static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
