package io.stratusmq.session;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * The state of one client id that outlives a connection [MQTT-4.1]: subscriptions, messages queued or in
 * flight toward the client, QoS 2 packet identifiers received and awaiting PUBREL, and the will of a closed
 * connection waiting for its delay.
 *
 * <p>Threading: {@link #offer} is called from any thread: it puts the message in a lock-free mailbox and
 * wakes the owner. Everything else is owner-confined: only the owning connection touches it, on its event
 * loop; ownership moves only inside {@link SessionRegistry}, which orders the handover.
 */
public final class Session {

    /** The Session Expiry Interval that means the session never expires (MQTT 5 section 3.1.2.11.2). */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    private final String clientId;
    private final SessionLimits limits;

    // any thread
    private final ConcurrentLinkedQueue<Delivery> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile SessionOwner owner;
    private volatile ConcurrentLinkedQueue<SessionOwner> congestedPublishers;
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<Session, ConcurrentLinkedQueue> CONGESTED =
            AtomicReferenceFieldUpdater.newUpdater(Session.class, ConcurrentLinkedQueue.class, "congestedPublishers");

    // changed only inside the registry's per-client-id critical section
    SessionOwner pendingOwner;
    boolean pendingCleanStart;
    boolean ended;
    Scheduler.Cancellable expiryTimer;
    Scheduler.Cancellable willTimer;
    Message pendingWill;

    // owner-confined
    private Map<String, Subscription> subscriptions;
    private final Outbound outbound = new Outbound();
    private Set<Integer> inboundQos2;
    private long expiryIntervalSeconds;
    private volatile boolean durable;
    private volatile String ownerToken;

    public Session(String clientId, SessionLimits limits) {
        this.clientId = clientId;
        this.limits = limits;
    }

    public String clientId() {
        return clientId;
    }

    public SessionOwner owner() {
        return owner;
    }

    void owner(SessionOwner newOwner) {
        this.owner = newOwner;
    }

    public boolean isOnline() {
        return owner != null;
    }

    public boolean isEnded() {
        return ended;
    }

    // ---- the mailbox: any thread -------------------------------------------------------------------------

    /**
     * Queues a message for the client and wakes the owner. QoS 0 to an offline session is dropped unless the
     * limits keep it; a full queue drops QoS 0, and QoS 1/2 of offline sessions (or of online ones when the
     * limits say so); otherwise the message is queued and the publisher told to slow down.
     */
    public OfferResult offer(Delivery d) {
        boolean online = owner != null;
        if (!online && d.qos() == 0 && !limits.queueQos0Offline()) {
            return OfferResult.DROPPED_OFFLINE_QOS0;
        }
        int n = queued.incrementAndGet();
        boolean full = n > limits.maxQueuedMessages();
        if (full && (d.qos() == 0 || !online || limits.dropWhenFull())) {
            queued.decrementAndGet();
            return OfferResult.DROPPED_QUEUE_FULL;
        }
        mailbox.add(d);
        signal();
        return full ? OfferResult.QUEUED_CONGESTED : OfferResult.QUEUED;
    }

    /**
     * Queues a retained message sent for a new subscription. The client is owed every one of them
     * [MQTT-3.3.1-6] [MQTT-3.8.4-4], however many a wildcard matches, so the queue limit does not drop them: it
     * counts them, and live messages meet a full queue until they have drained.
     */
    public OfferResult offerRetained(Delivery d) {
        if (owner == null && d.qos() == 0 && !limits.queueQos0Offline()) {
            return OfferResult.DROPPED_OFFLINE_QOS0;
        }
        int n = queued.incrementAndGet();
        mailbox.add(d);
        signal();
        return n > limits.maxQueuedMessages() ? OfferResult.QUEUED_CONGESTED : OfferResult.QUEUED;
    }

    /** Wakes the owner to drain the mailbox, at most one pending wake-up at a time. */
    public void signal() {
        SessionOwner o = owner;
        if (o != null && !mailbox.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            o.executor().execute(o::drain);
        }
    }

    /**
     * Takes the next message from the mailbox. The owner calls {@link #drainStarted} first, then polls until
     * null; a message added after that schedules a new drain.
     */
    public Delivery pollMailbox() {
        return mailbox.poll();
    }

    /** Called by the owner at the start of a drain, before polling. */
    public void drainStarted() {
        drainScheduled.set(false);
    }

    /** A queued message left the queue: sent, moved in flight, expired or dropped. */
    public void dequeued() {
        int n = queued.decrementAndGet();
        ConcurrentLinkedQueue<SessionOwner> waiters = congestedPublishers;
        if (waiters != null && n <= limits.maxQueuedMessages() / 2) {
            wakeCongestedPublishers();
        }
    }

    /** Messages in the mailbox and waiting behind the in-flight window. */
    public int queuedCount() {
        return queued.get();
    }

    /**
     * A publisher pauses until this session's queue is down to half its limit; it is woken on its own executor
     * through {@link SessionOwner#resumeReading}.
     */
    public void awaitRoom(SessionOwner publisher) {
        ConcurrentLinkedQueue<SessionOwner> waiters = congestedPublishers;
        if (waiters == null) {
            CONGESTED.compareAndSet(this, null, new ConcurrentLinkedQueue<SessionOwner>());
            waiters = congestedPublishers;
        }
        waiters.add(publisher);
        if (queued.get() <= limits.maxQueuedMessages() / 2 || owner == null) {
            wakeCongestedPublishers(); // drained meanwhile, or nobody left to drain it
        }
    }

    /** Lets every paused publisher go on, e.g. when the queue drained or the session went offline. */
    public void wakeCongestedPublishers() {
        ConcurrentLinkedQueue<SessionOwner> waiters = congestedPublishers;
        if (waiters == null) {
            return;
        }
        SessionOwner p;
        while ((p = waiters.poll()) != null) {
            SessionOwner publisher = p;
            publisher.executor().execute(publisher::resumeReading);
        }
    }

    // ---- owner-confined state --------------------------------------------------------------------------

    public Outbound outbound() {
        return outbound;
    }

    /** Subscriptions by the filter text the client used [MQTT-3.8.4-3]. */
    public Map<String, Subscription> subscriptions() {
        if (subscriptions == null) {
            subscriptions = new HashMap<>(4);
        }
        return subscriptions;
    }

    public Collection<Subscription> subscriptionList() {
        return subscriptions == null ? java.util.List.of() : subscriptions.values();
    }

    /** Records a QoS 2 packet identifier received; false when it was already awaiting PUBREL (a resend). */
    public boolean addInboundQos2(int packetId) {
        if (inboundQos2 == null) {
            inboundQos2 = new HashSet<>(8);
        }
        return inboundQos2.add(packetId);
    }

    /** Ends a QoS 2 inbound flow on PUBREL; false when the identifier was unknown. */
    public boolean removeInboundQos2(int packetId) {
        return inboundQos2 != null && inboundQos2.remove(packetId);
    }

    public boolean hasInboundQos2(int packetId) {
        return inboundQos2 != null && inboundQos2.contains(packetId);
    }

    public int inboundQos2Count() {
        return inboundQos2 == null ? 0 : inboundQos2.size();
    }

    /** True when the cluster store holds this session: its subscriptions and QoS 1/2 messages live there. */
    public boolean durable() {
        return durable;
    }

    public void durable(boolean value) {
        this.durable = value;
    }

    /** The cluster's name for the connection that claimed this session, or null on a single node. */
    public String ownerToken() {
        return ownerToken;
    }

    public void ownerToken(String token) {
        this.ownerToken = token;
    }

    /**
     * Takes every message out of the session, mailbox first, then the waiting queue, then what is in flight,
     * e.g. when the session ends or is handed to the store. Owner-confined, or called once the session has no
     * owner.
     */
    public void drainAll(java.util.function.Consumer<Delivery> action) {
        Delivery d;
        while ((d = mailbox.poll()) != null) {
            queued.decrementAndGet();
            action.accept(d);
        }
        outbound.drainWaiting(w -> {
            queued.decrementAndGet();
            action.accept(w);
        });
        outbound.drainInFlight(f -> action.accept(f.delivery()));
        if (inboundQos2 != null) {
            inboundQos2.clear();
        }
    }

    /** Puts a message read from the store back in the waiting queue, behind the in-flight window. */
    public void restoreWaiting(Delivery d) {
        queued.incrementAndGet();
        outbound.addWaiting(d);
    }

    /** Adds a message the store already holds (a durable session's queue), bypassing the queue limits. */
    public void offerStored(Delivery d) {
        queued.incrementAndGet();
        mailbox.add(d);
        signal();
    }

    public long expiryIntervalSeconds() {
        return expiryIntervalSeconds;
    }

    public void expiryIntervalSeconds(long seconds) {
        this.expiryIntervalSeconds = seconds;
    }

    @Override
    public String toString() {
        return "Session[" + clientId + (owner != null ? ", online" : ", offline") + "]";
    }
}
