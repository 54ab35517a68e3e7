import org.apache.curator.test.TestingCluster;

/** A 3-server ZooKeeper ensemble in this JVM (Curator's TestingCluster): prints its connect string, runs until stdin closes. */
public final class Ensemble {
    public static void main(String[] args) throws Exception {
        try (TestingCluster cluster = new TestingCluster(3)) {
            cluster.start();
            System.out.println(cluster.getConnectString());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the benchmark closes stdin or ends this process
            }
        }
    }
}
