package io.stratusmq.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

/** A raw MQTT peer over TCP. */
public final class TcpRawConnection extends RawConnection {

    private final Socket socket;
    private final OutputStream out;

    public TcpRawConnection(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "raw-tcp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        byte[] buf = new byte[65_536];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                arrived(Arrays.copyOf(buf, n));
            }
        } catch (IOException e) {
            // reset by the broker: counts as closed
        }
        ended();
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
