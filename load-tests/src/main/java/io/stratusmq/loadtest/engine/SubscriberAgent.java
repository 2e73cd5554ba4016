package io.stratusmq.loadtest.engine;

import io.netty.buffer.ByteBuf;
import io.stratusmq.loadtest.client.MqttConnection;
import io.stratusmq.loadtest.metrics.LoopCounters;
import io.stratusmq.loadtest.metrics.LoopMetrics;
import io.stratusmq.loadtest.metrics.MeasurementWindow;
import io.stratusmq.loadtest.metrics.ProbePayload;
import io.stratusmq.loadtest.metrics.ReceiveLog;
import io.stratusmq.loadtest.metrics.ReceiveLogs;

/**
 * Receives probe messages on one subscribing connection: logs sequence numbers per publisher and records
 * latency. Reads the probe header in place from the receive buffer; allocates nothing per message.
 * Confined to its event loop.
 */
public final class SubscriberAgent implements MqttConnection.MessageHandler {
    private final int runToken;
    private final MqttConnection connection;
    private final ReceiveLogs logs;
    private final LoopMetrics metrics;
    private final MeasurementWindow window;
    private final LoopCounters counters;

    public SubscriberAgent(int runToken, MqttConnection connection, ReceiveLogs logs, LoopMetrics metrics,
                           MeasurementWindow window, LoopCounters counters) {
        this.runToken = runToken;
        this.connection = connection;
        this.logs = logs;
        this.metrics = metrics;
        this.window = window;
        this.counters = counters;
        connection.messageHandler(this);
    }

    @Override
    public void onMessage(ByteBuf buf, int offset, int length, int qos, boolean dup) {
        long now = System.nanoTime();
        if (!ProbePayload.isProbe(buf, offset, length, runToken)) {
            counters.foreign();
            return;
        }
        ReceiveLog log = logs.forPublisher(ProbePayload.publisherId(buf, offset));
        if (log == null) {
            counters.foreign();
            return;
        }
        log.record(ProbePayload.sequence(buf, offset));
        metrics.recordDelivery(now, ProbePayload.intendedNanos(buf, offset), ProbePayload.sentNanos(buf, offset),
                window);
        counters.delivered();
    }

    public ReceiveLogs logs() {
        return logs;
    }

    public MqttConnection connection() {
        return connection;
    }
}
