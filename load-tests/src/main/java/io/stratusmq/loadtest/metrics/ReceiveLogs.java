package io.stratusmq.loadtest.metrics;

/**
 * One subscriber's {@link ReceiveLog}s, indexed by publisher id over the contiguous range of
 * publishers it expects. Single-threaded.
 */
public final class ReceiveLogs {
    private final int firstPublisher;
    private final ReceiveLog[] logs;

    /** Expects publishers {@code firstPublisher .. firstPublisher + count - 1}. */
    public ReceiveLogs(int firstPublisher, int count) {
        this.firstPublisher = firstPublisher;
        this.logs = new ReceiveLog[count];
    }

    /** The log for {@code publisherId}, or null if this subscriber does not expect that publisher. */
    public ReceiveLog forPublisher(int publisherId) {
        int index = publisherId - firstPublisher;
        if (index < 0 || index >= logs.length) {
            return null;
        }
        ReceiveLog log = logs[index];
        if (log == null) {
            log = new ReceiveLog();
            logs[index] = log;
        }
        return log;
    }

    /** The log for {@code publisherId} if anything was received from it, else null. */
    public ReceiveLog existing(int publisherId) {
        int index = publisherId - firstPublisher;
        return index < 0 || index >= logs.length ? null : logs[index];
    }
}
