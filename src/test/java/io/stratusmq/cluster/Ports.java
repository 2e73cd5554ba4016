package io.stratusmq.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the processes a test starts, below the kernel's ephemeral range (32768 and up here), so
 * that no outgoing connection's local port can take one between this check and the process binding it.
 */
final class Ports {

    private Ports() {
    }

    static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + ThreadLocalRandom.current().nextInt(12000);
            if (isFree(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port between 20000 and 32000"));
    }

    /** A free port whose Redis Cluster bus port (port + 10000) is free too. */
    static int freeWithBus() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + ThreadLocalRandom.current().nextInt(2700);
            if (isFree(port) && isFree(port + 10000)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port pair (p, p + 10000) from 20000"));
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
