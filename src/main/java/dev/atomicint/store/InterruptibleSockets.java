package dev.atomicint.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Jedis sockets over {@link SocketChannel}s, so that interrupting a thread blocked in a Redis call
 * (as GraalVM's {@code Context.close(true)} does to the context's threads) closes its connection
 * and ends the call at once: a plain {@code Socket} ignores interrupts until its timeout. Connect
 * and read timeouts are the address's, as with Jedis' own factory.
 */
final class InterruptibleSockets implements JedisSocketFactory {

    private final InetSocketAddress server;
    private final int timeoutMillis;

    InterruptibleSockets(StoreAddress.Endpoint endpoint, int timeoutMillis) {
        this.server = InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port());
        this.timeoutMillis = timeoutMillis;
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
            return socket;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new JedisConnectionException("failed to connect to " + server.getHostString() + ":" + server.getPort()
                    + (Thread.currentThread().isInterrupted() ? " (interrupted)" : ""), e);
        }
    }
}
