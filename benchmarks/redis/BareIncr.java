import java.io.FileInputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

/**
 * The engine's ceiling: THREADS Java threads looping INCR on NAMES keys (thread t on key t mod
 * NAMES) for SECONDS after a one-second warm-up (connections and TLS set up, JIT compiled, as
 * JavaAdds does); prints ops/s. MODE plain or tls (CA: the PEM file to trust): one Jedis
 * connection per thread to 127.0.0.1:PORTS; cluster: one JedisCluster (a pool per node) on the
 * nodes PORTS (comma-separated).
 *
 * <p>Usage: BareIncr MODE PORTS THREADS SECONDS [NAMES [CA]]
 */
public final class BareIncr {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String ports = args[1];
        int threads = Integer.parseInt(args[2]);
        long nanos = (long) (Double.parseDouble(args[3]) * 1e9);
        int names = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        SSLSocketFactory tls = mode.equals("tls") ? trusting(args[5]) : null;
        JedisCluster cluster = mode.equals("cluster") ? cluster(ports) : null;
        LongAdder ops = new LongAdder();
        Thread[] workers = new Thread[threads];
        long began = System.nanoTime() + 1_000_000_000L; // after the warm-up second
        for (int t = 0; t < threads; t++) {
            String key = "bench:bare:" + (t % names);
            workers[t] = Thread.ofPlatform().start(() -> {
                if (cluster != null) {
                    for (long now; (now = System.nanoTime()) - began < nanos; ) {
                        cluster.incr(key);
                        if (now >= began) {
                            ops.increment();
                        }
                    }
                    return;
                }
                try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", Integer.parseInt(ports)),
                        DefaultJedisClientConfig.builder().ssl(tls != null).sslSocketFactory(tls).build())) {
                    for (long now; (now = System.nanoTime()) - began < nanos; ) {
                        jedis.incr(key);
                        if (now >= began) {
                            ops.increment();
                        }
                    }
                }
            });
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.printf("%.0f%n", ops.sum() / (nanos / 1e9));
        if (cluster != null) {
            cluster.close();
        }
    }

    private static JedisCluster cluster(String ports) {
        Set<HostAndPort> nodes = new HashSet<>();
        for (String port : ports.split(",")) {
            nodes.add(new HostAndPort("127.0.0.1", Integer.parseInt(port)));
        }
        return new JedisCluster(nodes);
    }

    /** TLS sockets that trust the PEM certificates of {@code caFile}. */
    private static SSLSocketFactory trusting(String caFile) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (FileInputStream in = new FileInputStream(caFile)) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca" + i++, certificate);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
