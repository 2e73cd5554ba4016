package io.stratusmq.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A byte-level MQTT peer for wire tests: sends exact bytes and reads back whole packets, framed by their
 * remaining length, whatever the transport cut them into.
 */
public abstract class RawConnection implements AutoCloseable {

    private static final byte[] CLOSED = new byte[0];

    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private volatile boolean closed;

    /** Sends the bytes as they are (one WebSocket frame, or one TCP write). */
    public abstract void send(byte[] bytes) throws IOException;

    public void send(String hex) throws IOException {
        send(Hex.bytes(hex));
    }

    @Override
    public abstract void close();

    /** Called by the transport with bytes from the broker. */
    protected void arrived(byte[] bytes) {
        chunks.add(bytes);
    }

    /** Called by the transport when the broker closed the connection. */
    protected void ended() {
        closed = true;
        chunks.add(CLOSED);
    }

    /** The next whole packet from the broker, or an AssertionError after the timeout or on close. */
    public byte[] receive(Duration timeout) throws InterruptedException {
        byte[] packet = next(timeout);
        if (packet == null) {
            throw new AssertionError(closed ? "connection closed, no packet" : "no packet within " + timeout);
        }
        return packet;
    }

    public byte[] receive() throws InterruptedException {
        return receive(Duration.ofSeconds(5));
    }

    /** Asserts that the next packet has exactly these bytes. */
    public void expect(String hex) throws InterruptedException {
        byte[] expected = Hex.bytes(hex);
        byte[] actual = receive();
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionError("expected " + Hex.hex(expected) + " but got " + Hex.hex(actual));
        }
    }

    /** Asserts that the broker closes the connection within the timeout, without sending another packet. */
    public void expectClosed(Duration timeout) throws InterruptedException {
        byte[] packet = next(timeout);
        if (packet != null) {
            throw new AssertionError("expected the connection to close, got " + Hex.hex(packet));
        }
        if (!closed) {
            throw new AssertionError("connection still open after " + timeout);
        }
    }

    public void expectClosed() throws InterruptedException {
        expectClosed(Duration.ofSeconds(5));
    }

    public boolean isClosed() {
        return closed && pending.size() == 0;
    }

    /** No packet arrives within the window (for "nothing is sent" assertions). */
    public void expectNothing(Duration window) throws InterruptedException {
        byte[] packet = next(window);
        if (packet != null) {
            throw new AssertionError("expected nothing, got " + Hex.hex(packet));
        }
    }

    private byte[] next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] packet = takeWholePacket();
            if (packet != null) {
                return packet;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            byte[] chunk = chunks.poll(left, TimeUnit.NANOSECONDS);
            if (chunk == null) {
                return null;
            }
            if (chunk == CLOSED) {
                chunks.add(CLOSED); // stays closed for later calls
                packet = takeWholePacket();
                return packet;
            }
            pending.write(chunk, 0, chunk.length);
        }
    }

    private byte[] takeWholePacket() {
        byte[] buf = pending.toByteArray();
        if (buf.length < 2) {
            return null;
        }
        int remaining = 0;
        int shift = 0;
        int i = 1;
        while (true) {
            if (i >= buf.length) {
                return null;
            }
            int b = buf[i++] & 0xFF;
            remaining |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        int total = i + remaining;
        if (buf.length < total) {
            return null;
        }
        pending.reset();
        pending.write(buf, total, buf.length - total);
        return Arrays.copyOf(buf, total);
    }
}
