package io.stratusmq.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for the processes a test starts. */
final class Ports {

    private Ports() {
    }

    /**
     * A port below the kernel's ephemeral range (32768 and up here), so that no outgoing connection's local port
     * can take it between this check and the broker binding it.
     */
    static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12000);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port between 20000 and 32000"));
    }
}
