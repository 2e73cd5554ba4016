package io.stratusmq.protocol;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Who may connect to this node: at most {@link Limits#maxConnections} open connections, at most
 * {@link Limits#maxConnectionsPerAddress} from one client address, and CONNECT packets from one address at
 * {@link Limits#connectRatePerAddress} per second (token bucket). The address is the transport's, which is
 * the proxy-named one behind trusted proxies.
 *
 * <p>A connection is counted from the moment its socket or WebSocket opens, CONNECT or not, so half-open
 * connections use up the limits too; the verdict is given in the CONNACK, where the client can read it.
 *
 * <p>Thread-safe: called from every event loop. Per-address state lives in concurrent maps whose entries are
 * updated atomically; idle rate buckets are swept now and then.
 */
public final class AdmissionControl {

    /** Why a connection may not go on. */
    public enum Verdict {
        MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS, CONNECT_RATE, DRAINING
    }

    private static final int SWEEP_EVERY = 4096;

    private final Limits limits;
    private final LongSupplier clock;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TokenBucket> connectRates = new ConcurrentHashMap<>();
    private final AtomicLong connects = new AtomicLong();
    private volatile boolean draining;

    /** @param clock milliseconds */
    public AdmissionControl(Limits limits, LongSupplier clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public Limits limits() {
        return limits;
    }

    /** The node is shutting down: from now on every CONNECT is sent to another server. */
    public void stopAccepting() {
        draining = true;
    }

    boolean draining() {
        return draining;
    }

    /**
     * A connection opened: it is counted until {@link #closed}. Returns why it is over a limit, or null.
     */
    Verdict opened(String address) {
        int total = open.incrementAndGet();
        int fromAddress = perAddress.computeIfAbsent(key(address), k -> new AtomicInteger()).incrementAndGet();
        if (limits.maxConnections() > 0 && total > limits.maxConnections()) {
            return Verdict.MAX_CONNECTIONS;
        }
        if (limits.maxConnectionsPerAddress() > 0 && fromAddress > limits.maxConnectionsPerAddress()) {
            return Verdict.MAX_CONNECTIONS_PER_ADDRESS;
        }
        return null;
    }

    /** A connection counted by {@link #opened} closed. */
    void closed(String address) {
        open.decrementAndGet();
        perAddress.computeIfPresent(key(address), (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** A CONNECT from this address: takes a token from its bucket; false when it has none. */
    boolean connectAllowed(String address) {
        if (limits.connectRatePerAddress() <= 0) {
            return true;
        }
        long now = clock.getAsLong();
        if (connects.incrementAndGet() % SWEEP_EVERY == 0) {
            connectRates.values().removeIf(b -> isIdle(b, now));
        }
        boolean[] allowed = new boolean[1];
        connectRates.compute(key(address), (k, bucket) -> {
            TokenBucket b = bucket != null ? bucket
                    : new TokenBucket(limits.connectRatePerAddress(), limits.connectBurstPerAddress(), now);
            allowed[0] = b.tryTake(now);
            return b;
        });
        return allowed[0];
    }

    private static boolean isIdle(TokenBucket b, long now) {
        // read under no lock: at worst a bucket in use is dropped and its address starts with a full one
        return b.isIdle(now);
    }

    /** Open connections counted. */
    public int open() {
        return open.get();
    }

    /** Addresses with at least one open connection. */
    public int addresses() {
        return perAddress.size();
    }

    private static String key(String address) {
        return address == null ? "" : address;
    }
}
