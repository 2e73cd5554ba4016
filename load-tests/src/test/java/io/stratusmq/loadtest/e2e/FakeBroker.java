package io.stratusmq.loadtest.e2e;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetServer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A deliberately tiny MQTT broker for end-to-end tests of the generator: exact-match topics only, no sessions,
 * no retained messages, no QoS 2. It acknowledges every QoS 1 PUBLISH and can be told to drop every Nth message
 * after acknowledging it, to check that the generator reports the loss. Listens on 127.0.0.1, TCP and WebSocket.
 */
final class FakeBroker extends AbstractVerticle {
    private final int dropEvery;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private NetServer tcp;
    private HttpServer ws;
    private long routed;

    FakeBroker(int dropEvery) {
        this.dropEvery = dropEvery;
    }

    static FakeBroker start(Vertx vertx, int dropEvery) throws Exception {
        FakeBroker broker = new FakeBroker(dropEvery);
        vertx.deployVerticle(broker).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return broker;
    }

    @Override
    public void start(Promise<Void> started) {
        tcp = vertx.createNetServer().connectHandler(socket -> {
            Session session = new Session(socket::write, socket::close);
            socket.handler(session::feed);
            socket.closeHandler(v -> sessions.remove(session));
        });
        ws = vertx.createHttpServer(new HttpServerOptions().addWebSocketSubProtocol("mqtt"))
                .webSocketHandler(socket -> {
                    Session session = new Session(socket::writeBinaryMessage, socket::close);
                    socket.handler(session::feed);
                    socket.closeHandler(v -> sessions.remove(session));
                });
        tcp.listen(0, "127.0.0.1")
                .compose(ignored -> ws.listen(0, "127.0.0.1"))
                .<Void>mapEmpty()
                .onComplete(started);
    }

    String tcpUrl() {
        return "tcp://127.0.0.1:" + tcp.actualPort();
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + ws.actualPort() + "/mqtt";
    }

    /** One client connection; all calls on the broker's event loop. */
    private final class Session {
        private final Consumer<Buffer> out;
        private final Runnable close;
        private Buffer pending = Buffer.buffer();
        private int level = 4;
        private String filter;
        private int subscriptionQos;
        private int nextPacketId;

        Session(Consumer<Buffer> out, Runnable close) {
            this.out = out;
            this.close = close;
        }

        void feed(Buffer chunk) {
            pending.appendBuffer(chunk);
            int pos = 0;
            while (true) {
                if (pending.length() - pos < 2) {
                    break;
                }
                int remaining = 0;
                int shift = 0;
                int i = pos + 1;
                int b;
                do {
                    if (i >= pending.length()) {
                        remaining = -1;
                        break;
                    }
                    b = pending.getUnsignedByte(i++);
                    remaining |= (b & 0x7F) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0);
                if (remaining < 0 || pending.length() < i + remaining) {
                    break;
                }
                handle(pending.getUnsignedByte(pos), pending.getBuffer(i, i + remaining));
                pos = i + remaining;
            }
            pending = pending.getBuffer(pos, pending.length());
        }

        private void handle(int header, Buffer body) {
            switch (header >>> 4) {
                case 1 -> { // CONNECT
                    level = body.getUnsignedByte(6);
                    sessions.add(this);
                    out.accept(level == 5 ? bytes(0x20, 3, 0, 0, 0) : bytes(0x20, 2, 0, 0));
                }
                case 8 -> { // SUBSCRIBE
                    int packetId = body.getUnsignedShort(0);
                    int pos = 2 + (level == 5 ? 1 : 0);
                    int length = body.getUnsignedShort(pos);
                    filter = body.getString(pos + 2, pos + 2 + length, "UTF-8");
                    subscriptionQos = body.getUnsignedByte(pos + 2 + length) & 0x3;
                    out.accept(level == 5
                            ? bytes(0x90, 4, packetId >> 8, packetId & 0xFF, 0, subscriptionQos)
                            : bytes(0x90, 3, packetId >> 8, packetId & 0xFF, subscriptionQos));
                }
                case 3 -> publish((header >> 1) & 0x3, body);
                case 12 -> out.accept(bytes(0xD0, 0)); // PINGREQ
                case 14 -> close.run(); // DISCONNECT
                default -> { } // PUBACK from subscribers: nothing to do
            }
        }

        private void publish(int qos, Buffer body) {
            int topicLength = body.getUnsignedShort(0);
            String topic = body.getString(2, 2 + topicLength, "UTF-8");
            int pos = 2 + topicLength;
            if (qos > 0) {
                int packetId = body.getUnsignedShort(pos);
                pos += 2;
                out.accept(bytes(0x40, 2, packetId >> 8, packetId & 0xFF));
            }
            if (level == 5) {
                pos += 1 + body.getUnsignedByte(pos); // property length < 128 here
            }
            Buffer payload = body.getBuffer(pos, body.length());
            routed++;
            if (dropEvery > 0 && routed % dropEvery == 0) {
                return;
            }
            for (Session session : sessions) {
                if (topic.equals(session.filter)) {
                    session.deliver(topic, Math.min(qos, session.subscriptionQos), payload);
                }
            }
        }

        private void deliver(String topic, int qos, Buffer payload) {
            byte[] name = topic.getBytes(StandardCharsets.UTF_8);
            Buffer variable = Buffer.buffer().appendUnsignedShort(name.length).appendBytes(name);
            if (qos > 0) {
                nextPacketId = nextPacketId % 65_535 + 1;
                variable.appendUnsignedShort(nextPacketId);
            }
            if (level == 5) {
                variable.appendByte((byte) 0);
            }
            int remaining = variable.length() + payload.length();
            Buffer packet = Buffer.buffer().appendByte((byte) (0x30 | qos << 1));
            do {
                int digit = remaining & 0x7F;
                remaining >>>= 7;
                packet.appendByte((byte) (remaining > 0 ? digit | 0x80 : digit));
            } while (remaining > 0);
            out.accept(packet.appendBuffer(variable).appendBuffer(payload));
        }
    }

    private static Buffer bytes(int... values) {
        Buffer buffer = Buffer.buffer(values.length);
        for (int value : values) {
            buffer.appendByte((byte) value);
        }
        return buffer;
    }

}
