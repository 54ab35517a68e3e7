package dev.atomicint.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Certificates made by openssl for TLS tests, in a fresh directory under target/. */
final class TestCertificates {

    final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Whether openssl can be run here. */
    static boolean opensslAvailable() {
        try {
            return new ProcessBuilder("openssl", "version").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static TestCertificates create() throws IOException, InterruptedException {
        TestCertificates c = new TestCertificates(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tls-"));
        c.authority("ca");
        c.authority("other-ca");
        return c;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** A self-signed authority: NAME.pem, NAME.key. */
    private void authority(String name) throws IOException, InterruptedException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".pem", "-days", "30",
                "-subj", "/CN=" + name);
    }

    /** NAME.pem and NAME.key, signed by the authority {@code ca}, naming {@code subjectAltName}, valid {@code days} (0: expired at once). */
    TestCertificates issue(String name, String ca, String subjectAltName, int days) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=" + subjectAltName + "\n", StandardCharsets.US_ASCII);
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial",
                "-out", name + ".pem", "-days", Integer.toString(days), "-extfile", name + ".ext");
        return this;
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed:\n" + output);
        }
    }
}
