package io.stratusmq.protocol;

import io.stratusmq.session.Scheduler;

/**
 * Closes a connection that sent no packet for one and a half times its keep-alive [MQTT-3.1.2-24]. One timer
 * per connection, re-armed lazily: a packet only records the time.
 *
 * <p>Threading: owner-confined, on the connection's event loop.
 */
final class KeepAlive {

    private final MqttConnection c;
    private long limitMillis;
    private long lastPacketMillis;
    private Scheduler.Cancellable timer;

    KeepAlive(MqttConnection c) {
        this.c = c;
    }

    /** Starts watching; a keep-alive of 0 turns the mechanism off (section 3.1.2.10). */
    void start(int seconds) {
        if (seconds == 0) {
            return;
        }
        limitMillis = seconds * 1500L;
        lastPacketMillis = c.ctx.clock().getAsLong();
        arm(limitMillis);
    }

    void touch() {
        if (limitMillis != 0) {
            lastPacketMillis = c.ctx.clock().getAsLong();
        }
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        limitMillis = 0;
    }

    private void arm(long delay) {
        timer = c.ctx.scheduler().schedule(delay, this::check);
    }

    private void check() {
        if (limitMillis == 0) {
            return;
        }
        long idle = c.ctx.clock().getAsLong() - lastPacketMillis;
        if (idle >= limitMillis) {
            timer = null;
            c.keepAliveExpired();
            c.flush();
        } else {
            arm(limitMillis - idle);
        }
    }
}
