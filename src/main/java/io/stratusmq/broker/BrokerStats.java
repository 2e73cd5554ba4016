package io.stratusmq.broker;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drop counters of one node, cheap to bump from any event loop (striped adders, no allocation); traffic is
 * counted per connection instead. The ops layer publishes them as metrics.
 */
public final class BrokerStats {

    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

    public BrokerStats() {
        for (DropReason r : DropReason.values()) {
            dropped.put(r, new LongAdder());
        }
    }

    public void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    public long droppedCount(DropReason reason) {
        return dropped.get(reason).sum();
    }
}
