package io.stratusmq.protocol;

import io.stratusmq.session.Scheduler;

/**
 * Closes a connection that sent no packet for one and a half times its keep-alive [MQTT-3.1.2-24]. One timer
 * per connection, re-armed lazily: a packet only records the time.
 *
 * <p>Threading: owner-confined, on the connection's event loop.
 */
final class KeepAlive {

    /** The keep-alive value that means "no maximum" (MQTT cannot express more). */
    static final int NO_LIMIT = 65_535;
    /** What a 5.0 client asking for none gets when none is not allowed and no bound says otherwise. */
    static final int DEFAULT_SECONDS = 60;
    /** {@link #negotiate}'s answer when the CONNECT must be refused. */
    static final int REFUSE = -1;

    private final MqttConnection c;
    private long limitMillis;
    private long lastPacketMillis;
    private Scheduler.Cancellable timer;

    KeepAlive(MqttConnection c) {
        this.c = c;
    }

    /**
     * The keep-alive to use for a client's request within the configured bounds. A 5.0 client gets another
     * value as Server Keep Alive [MQTT-3.2.2-21]; a 3.1.1 client cannot be told, so it is refused ({@link #REFUSE})
     * where a 5.0 client would get another value, as Mosquitto refuses one above its max_keepalive. A request
     * of 0 (none) while a maximum is set gets the maximum (5.0) and is accepted from 3.1.1 clients unless 0 is
     * disallowed.
     */
    static int negotiate(int requested, boolean v5, ProtocolConfig cfg) {
        int max = cfg.maxKeepAlive();
        int min = cfg.minKeepAlive();
        boolean maxSet = max < NO_LIMIT;
        if (requested == 0) {
            if (v5 && maxSet) {
                return max;
            }
            if (cfg.allowZeroKeepAlive()) {
                return 0;
            }
            return !v5 ? REFUSE : min > 0 ? min : maxSet ? max : DEFAULT_SECONDS;
        }
        if (maxSet && requested > max) {
            return v5 ? max : REFUSE;
        }
        if (min > 0 && requested < min) {
            return v5 ? Math.min(min, maxSet ? max : NO_LIMIT) : REFUSE;
        }
        return requested;
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
