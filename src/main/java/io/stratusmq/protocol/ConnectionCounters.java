package io.stratusmq.protocol;

/**
 * Traffic counters of one connection: plain fields bumped on its event loop with no sharing, summed over all
 * connections when metrics are scraped (a scrape may see a count a moment old).
 */
public final class ConnectionCounters {

    long bytesIn;
    long bytesOut;
    long received0;
    long received1;
    long received2;
    long sent0;
    long sent1;
    long sent2;

    void countReceived(int qos) {
        switch (qos) {
            case 0 -> received0++;
            case 1 -> received1++;
            default -> received2++;
        }
    }

    void countSent(int qos) {
        switch (qos) {
            case 0 -> sent0++;
            case 1 -> sent1++;
            default -> sent2++;
        }
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }

    public long received(int qos) {
        return qos == 0 ? received0 : qos == 1 ? received1 : received2;
    }

    public long sent(int qos) {
        return qos == 0 ? sent0 : qos == 1 ? sent1 : sent2;
    }

    /** Adds another connection's counts, e.g. of one that closed. Callers serialize. */
    void add(ConnectionCounters o) {
        bytesIn += o.bytesIn;
        bytesOut += o.bytesOut;
        received0 += o.received0;
        received1 += o.received1;
        received2 += o.received2;
        sent0 += o.sent0;
        sent1 += o.sent1;
        sent2 += o.sent2;
    }
}
