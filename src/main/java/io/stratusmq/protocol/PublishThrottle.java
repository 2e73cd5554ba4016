package io.stratusmq.protocol;

import io.stratusmq.codec.MqttPacket;
import io.stratusmq.codec.MqttVersion;
import io.stratusmq.session.Scheduler;

/**
 * A client's publish rate ({@link Limits#publishRate}, a token bucket of {@link Limits#publishBurst}). Over it,
 * the client is held back: its PUBLISH packets wait unread (acknowledgements still pass, see
 * {@link ParkedPackets}) until the bucket has a token again, as EMQX and HiveMQ throttle publishers; TCP flow
 * control then slows the client itself down. A 5.0 client can instead be refused
 * ({@link Limits.PublishRateAction#REFUSE}: 0x97 / DISCONNECT 0x96); 3.1.1 has no negative acknowledgement,
 * so its clients are always held back.
 *
 * <p>Threading: owner-confined, on the connection's event loop.
 */
final class PublishThrottle {

    private final MqttConnection c;
    private final TokenBucket bucket;
    private Scheduler.Cancellable resume;

    PublishThrottle(MqttConnection c) {
        this.c = c;
        Limits limits = c.ctx.limits();
        this.bucket = limits.publishRate() > 0
                ? new TokenBucket(limits.publishRate(), limits.publishBurst(), c.ctx.clock().getAsLong())
                : null;
    }

    /** True while the client waits for its rate to allow the next PUBLISH. */
    boolean holding() {
        return resume != null;
    }

    /**
     * In PAUSE mode, decides whether a PUBLISH may be handled now. When the bucket is empty the connection stops
     * reading and a timer resumes it once a token is there; the caller parks the packet.
     *
     * @return true when the packet must wait
     */
    boolean holds(MqttPacket packet) {
        if (bucket == null || packet.type() != io.stratusmq.codec.PacketType.PUBLISH || refuses()) {
            return false;
        }
        long now = c.ctx.clock().getAsLong();
        if (bucket.tryTake(now)) {
            return false;
        }
        if (resume == null) {
            c.ctx.stats().throttled();
            c.pauseReading();
            resume = c.ctx.scheduler().schedule(bucket.millisUntilToken(now), this::resume);
        }
        return true;
    }

    /**
     * In REFUSE mode (5.0 clients only): takes a token for a PUBLISH, false when the client is over its rate and
     * the publish must be refused.
     */
    boolean allows() {
        return bucket == null || !refuses() || bucket.tryTake(c.ctx.clock().getAsLong());
    }

    private boolean refuses() {
        return c.ctx.limits().publishRateAction() == Limits.PublishRateAction.REFUSE && c.version == MqttVersion.V5;
    }

    private void resume() {
        resume = null;
        c.resumeReading();
    }

    void stop() {
        if (resume != null) {
            resume.cancel();
            resume = null;
        }
    }
}
