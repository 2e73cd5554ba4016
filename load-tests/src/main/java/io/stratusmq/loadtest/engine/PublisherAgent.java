package io.stratusmq.loadtest.engine;

import io.stratusmq.loadtest.client.MqttConnection;
import io.stratusmq.loadtest.metrics.LoopCounters;
import io.stratusmq.loadtest.metrics.MeasurementWindow;
import io.stratusmq.loadtest.metrics.ProbePayload;
import io.stratusmq.loadtest.metrics.PublisherLedger;
import io.stratusmq.loadtest.mqtt.PublishTemplate;
import io.vertx.core.buffer.Buffer;

/**
 * Drives one publishing connection: sends probe messages on its {@link SendSchedule} until the stop time,
 * never more than the in-flight limit unacknowledged (QoS 1/2), and never into a full socket buffer.
 *
 * <p>The PUBLISHes of one burst are written without flushing and flushed together (one system call; still one
 * WebSocket frame per packet), unless configured to flush each one.
 *
 * <p>Event-driven, no busy-spinning: when ahead of schedule it sleeps on a timer until the next message is
 * due; when the in-flight window is full it waits for an acknowledgement; when the socket is full it waits
 * for the drain callback. Confined to its event loop.
 */
public final class PublisherAgent implements MqttConnection.PublishAckHandler {
    /** Messages sent in one go before yielding the loop to other connections. */
    private static final int BURST = 256;

    private enum State { IDLE, SENDING, WAIT_TIMER, WAIT_ACK, WAIT_DRAIN, YIELDED, DONE }

    private final int publisherId;
    private final int runToken;
    private final MqttConnection connection;
    private final PublishTemplate template;
    private final InflightWindow inflight;
    private final LoopScheduler scheduler;
    private final MeasurementWindow window;
    private final PublisherLedger ledger;
    private final LoopCounters counters;
    private final boolean flushPerMessage;
    private final Runnable pumpTask = this::pump;
    private SendSchedule schedule;
    private long stopNanos;
    private State state = State.IDLE;

    /**
     * @param maxInflight     in-flight limit for QoS 1/2 (ignored for QoS 0); capped at the broker's Receive Maximum
     * @param flushPerMessage one write system call per PUBLISH instead of one per burst
     */
    public PublisherAgent(int publisherId, int runToken, MqttConnection connection, PublishTemplate template,
                          int maxInflight, boolean flushPerMessage, LoopScheduler scheduler, MeasurementWindow window,
                          LoopCounters counters) {
        this.publisherId = publisherId;
        this.runToken = runToken;
        this.connection = connection;
        this.template = template;
        this.inflight = template.qos() > 0
                ? new InflightWindow(Math.min(maxInflight, connection.receiveMaximum())) : null;
        this.flushPerMessage = flushPerMessage;
        this.scheduler = scheduler;
        this.window = window;
        this.ledger = new PublisherLedger(publisherId);
        this.counters = counters;
        connection.publishAckHandler(this);
    }

    /** Starts publishing at the schedule's first time and stops at {@code stopNanos}. Call on the loop. */
    public void start(SendSchedule sendSchedule, long stopAtNanos) {
        this.schedule = sendSchedule;
        this.stopNanos = stopAtNanos;
        waitForTimer(sendSchedule.nextNanos() - System.nanoTime());
    }

    public PublisherLedger ledger() {
        return ledger;
    }

    public MqttConnection connection() {
        return connection;
    }

    private void pump() {
        state = State.SENDING;
        int sent = sendDue();
        if (sent > 0 && !flushPerMessage) {
            connection.flush();
        }
    }

    /** Sends what is due until something blocks, then arranges to be called again; returns how many were sent. */
    private int sendDue() {
        long now = System.nanoTime();
        for (int sentInBurst = 0; ; sentInBurst++) {
            long intended = schedule.isPaced() ? schedule.nextNanos() : now;
            if (intended >= stopNanos || now >= stopNanos || connection.isClosed()) {
                state = State.DONE;
                return sentInBurst;
            }
            if (intended > now) {
                waitForTimer(intended - now);
                return sentInBurst;
            }
            if (inflight != null && inflight.isFull()) {
                state = State.WAIT_ACK;
                return sentInBurst;
            }
            if (connection.writeQueueFull()) {
                state = State.WAIT_DRAIN;
                connection.drainHandler(ignored -> resumeFrom(State.WAIT_DRAIN));
                return sentInBurst;
            }
            if (sentInBurst == BURST) {
                state = State.YIELDED;
                scheduler.yieldThen(pumpTask);
                return sentInBurst;
            }
            sendOne(intended, now);
            schedule.advance();
            now = System.nanoTime();
        }
    }

    private void sendOne(long intendedNanos, long nowNanos) {
        long sequence = ledger.sent();
        int packetId = inflight == null ? 0 : inflight.acquire(sequence);
        Buffer packet = template.newPacket(packetId);
        ProbePayload.write(packet, template.payloadOffset(), runToken, publisherId, sequence, intendedNanos, nowNanos);
        if (flushPerMessage) {
            connection.send(packet);
        } else {
            connection.sendDeferred(packet);
        }
        ledger.recordSent(window.contains(intendedNanos));
        counters.sent();
    }

    private void waitForTimer(long delayNanos) {
        state = State.WAIT_TIMER;
        scheduler.schedule(Math.max(0, delayNanos), pumpTask);
    }

    private void resumeFrom(State expected) {
        if (state == expected) {
            pump();
        }
    }

    @Override
    public void onAccepted(int packetId, int reasonCode) {
        long sequence = inflight == null ? -1 : inflight.sequenceOf(packetId);
        if (sequence < 0) {
            ledger.recordUnknownAck();
            return;
        }
        if (reasonCode < 0x80) {
            ledger.recordAccepted(sequence);
            counters.accepted();
        } else {
            ledger.recordRejected();
        }
    }

    @Override
    public void onReleased(int packetId) {
        if (inflight != null && inflight.release(packetId) >= 0) {
            counters.released();
            resumeFrom(State.WAIT_ACK);
        }
    }
}
