package dev.atomicint.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Jedis sockets over {@link SocketChannel}s, so that interrupting a thread blocked in a Redis call
 * (as GraalVM's {@code Context.close(true)} does to the context's threads) closes its connection
 * and ends the call at once: a plain {@code Socket} ignores interrupts until its timeout. Connect
 * and read timeouts are the address's, as with Jedis' own factory; {@code rediss://} layers TLS
 * over the same socket.
 */
final class InterruptibleSockets implements JedisSocketFactory {

    private final InetSocketAddress server;
    private final int timeoutMillis;
    private final SSLSocketFactory tls; // null: plain TCP

    /** Sockets to {@code endpoint}; over TLS through {@code tls} unless it is null (the server's name is verified). */
    InterruptibleSockets(StoreAddress.Endpoint endpoint, int timeoutMillis, SSLSocketFactory tls) {
        this.server = InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port());
        this.timeoutMillis = timeoutMillis;
        this.tls = tls;
    }

    @Override
    public Socket createSocket() {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            Socket socket = channel.socket(); // its streams block on the channel: interruptible, with timeouts
            socket.setReuseAddress(true);
            socket.setKeepAlive(true);
            socket.setTcpNoDelay(true);
            socket.setSoLinger(true, 0);
            socket.connect(new InetSocketAddress(server.getHostString(), server.getPort()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return tls == null ? socket : handshake(socket);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            String tlsFailure = TlsFailures.describe(e);
            throw new JedisConnectionException(tlsFailure != null ? tlsFailure
                    : "failed to connect to " + server.getHostString() + ":" + server.getPort()
                            + (Thread.currentThread().isInterrupted() ? " (interrupted)" : ""), e);
        }
    }

    /** TLS over the connected channel socket, verifying that the server's certificate names the host (as HTTPS does). */
    private Socket handshake(Socket socket) throws IOException {
        String host = server.getHostString();
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                server.getPort(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(timeoutMillis);
        ssl.startHandshake();
        return ssl;
    }
}
