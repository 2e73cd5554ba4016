package io.stratusmq.broker;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one node, cheap to bump from any event loop (striped adders, no allocation). The ops layer
 * publishes them as metrics.
 */
public final class BrokerStats {

    private final LongAdder[] received = {new LongAdder(), new LongAdder(), new LongAdder()};
    private final LongAdder[] sent = {new LongAdder(), new LongAdder(), new LongAdder()};
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

    public BrokerStats() {
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
    }

    public void received(int qos) {
        received[qos].increment();
    }

    public void sent(int qos) {
        sent[qos].increment();
    }

    public void bytesReceived(long n) {
        bytesReceived.add(n);
    }

    public void bytesSent(long n) {
        bytesSent.add(n);
    }

    public void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    public long receivedCount(int qos) {
        return received[qos].sum();
    }

    public long sentCount(int qos) {
        return sent[qos].sum();
    }

    public long bytesReceivedCount() {
        return bytesReceived.sum();
    }

    public long bytesSentCount() {
        return bytesSent.sum();
    }

    public long droppedCount(DropReason reason) {
        return dropped.get(reason).sum();
    }
}
