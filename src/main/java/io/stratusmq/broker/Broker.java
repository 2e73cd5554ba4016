package io.stratusmq.broker;

import io.stratusmq.routing.SharedGroup;
import io.stratusmq.routing.SubscriptionTrie;
import io.stratusmq.routing.TopicFilter;
import io.stratusmq.session.Delivery;
import io.stratusmq.session.DeliveryListener;
import io.stratusmq.session.Message;
import io.stratusmq.session.OfferResult;
import io.stratusmq.session.Session;
import io.stratusmq.session.SessionOwner;
import io.stratusmq.session.SessionRegistry;
import io.stratusmq.session.SessionStore;
import io.stratusmq.session.StoreTicket;
import io.stratusmq.session.Subscription;
import io.stratusmq.session.SubscriptionOptions;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's message switch: matches a published message against every local subscription and queues one
 * delivery per session, keeps retained messages, hands the message to the cluster for everything beyond this
 * node, and forgets a session's subscriptions when it ends.
 *
 * <p>Threading: thread-safe; {@link #publish} runs on the publisher's event loop and never blocks: deliveries
 * go to lock-free session mailboxes and their owners are woken on their own loops.
 */
public final class Broker implements SessionRegistry.SessionEndListener {

    private final SubscriptionTrie<Session, SubscriptionOptions> subscriptions = new SubscriptionTrie<>();
    private final RetainedStore retained;
    private final SessionRegistry sessions;
    private final SessionStore store;
    private final BrokerStats stats;
    private final long incarnation = ThreadLocalRandom.current().nextLong();
    private final AtomicLong sequence = new AtomicLong();
    private volatile ClusterBridge cluster = ClusterBridge.LOCAL;

    public Broker(SessionRegistry sessions, RetainedStore retained, SessionStore store, BrokerStats stats) {
        this.sessions = sessions;
        this.retained = retained;
        this.store = store;
        this.stats = stats;
        sessions.listener(this);
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public RetainedStore retained() {
        return retained;
    }

    public SessionStore store() {
        return store;
    }

    public BrokerStats stats() {
        return stats;
    }

    public ClusterBridge cluster() {
        return cluster;
    }

    /** Connects the broker to a cluster; the single-node broker keeps {@link ClusterBridge#LOCAL}. */
    public void cluster(ClusterBridge bridge) {
        this.cluster = bridge;
    }

    /** This node's incarnation: the origin part of the ids of messages accepted here. */
    public long incarnation() {
        return incarnation;
    }

    /** A message accepted on this node, with an id unique in the cluster. */
    public Message newMessage(String topic, byte[] payload, int qos, boolean retain,
            io.stratusmq.codec.PublishProperties properties, String publisherId, long expiresAtMillis) {
        return new Message(incarnation, sequence.incrementAndGet(), topic, payload, qos, retain, properties,
                publisherId, expiresAtMillis);
    }

    /**
     * Publishes a message from a client or a will: stores it if retained, delivers it to local subscribers and
     * hands it to the cluster.
     *
     * @param publisher the publishing connection, paused when a subscriber's queue is congested; or null
     * @param receipt collects the durable writes the publisher's acknowledgement waits for; null for QoS 0
     * @return how many subscriptions (sessions, nodes, groups) the message reached
     */
    public int publish(Message message, SessionOwner publisher, PublishReceipt receipt) {
        if (message.retain()) {
            CompletableFuture<Void> write = retained.set(message).toCompletableFuture();
            if (receipt != null && !write.isDone()) {
                receipt.expect();
                write.whenComplete((v, e) -> receipt.done(e == null));
            }
        }
        int reached = deliverLocally(message, publisher);
        return reached + cluster.forward(message, receipt);
    }

    /** Delivers a message to this node's subscribers only, e.g. one that arrived from another node. */
    public int deliverLocally(Message message, SessionOwner publisher) {
        Matches matches = new Matches(message.publisherId());
        subscriptions.match(message.topic(), matches);
        int reached = 0;
        if (matches.firstSession != null) {
            if (matches.moreSessions == null) {
                deliver(matches.firstSession, message, matches.firstOptions, null, publisher, null);
                reached = 1;
            } else {
                reached = deliverAggregated(matches, message, publisher);
            }
        }
        if (matches.groups != null && !cluster.servesSharedGroups()) {
            for (SharedGroup<Session, SubscriptionOptions> group : matches.groups) {
                if (deliverToMember(group, message, publisher, null)) {
                    reached++;
                }
            }
        }
        return reached;
    }

    /**
     * Gives a message of a shared subscription to one online member on this node, for the cluster's shared
     * streams. The listener hears when the member has it for good, or that it will not.
     *
     * @return false when this node has no online member of that group now
     */
    public boolean deliverToSharedGroup(String shareName, String filter, Message message,
            DeliveryListener listener) {
        SharedGroup<?, ?>[] found = new SharedGroup<?, ?>[1];
        subscriptions.match(message.topic(), new SubscriptionTrie.Visitor<>() {
            @Override
            public void subscriber(Session key, SubscriptionOptions value) {
            }

            @Override
            public void sharedGroup(SharedGroup<Session, SubscriptionOptions> group) {
                if (group.shareName().equals(shareName) && group.filter().equals(filter)) {
                    found[0] = group;
                }
            }
        });
        @SuppressWarnings("unchecked")
        SharedGroup<Session, SubscriptionOptions> group = (SharedGroup<Session, SubscriptionOptions>) found[0];
        if (group == null) {
            return false;
        }
        Map.Entry<Session, SubscriptionOptions> member = group.pickEntry(Session::isOnline);
        if (member == null) {
            return false;
        }
        deliver(member.getKey(), message, member.getValue(), null, null, listener);
        return true;
    }

    /** One member per group (MQTT 5 section 4.8.2): an online one if any, else a persistent offline one. */
    private boolean deliverToMember(SharedGroup<Session, SubscriptionOptions> group, Message message,
            SessionOwner publisher, DeliveryListener listener) {
        Map.Entry<Session, SubscriptionOptions> member = group.pickEntry(Session::isOnline);
        if (member == null) {
            member = group.pickEntry(s -> !s.isEnded());
        }
        if (member == null) {
            return false;
        }
        deliver(member.getKey(), message, member.getValue(), null, publisher, listener);
        return true;
    }

    /**
     * A message that matches several subscriptions of one session goes once, at the highest QoS granted among
     * them, with every matching subscription identifier [MQTT-3.3.4-2] [MQTT-3.3.4-3].
     */
    private int deliverAggregated(Matches matches, Message message, SessionOwner publisher) {
        List<Session> sessionsMatched = matches.moreSessions;
        List<SubscriptionOptions> optionsMatched = matches.moreOptions;
        sessionsMatched.add(0, matches.firstSession);
        optionsMatched.add(0, matches.firstOptions);
        // one entry per session: its options, or a list of them when several subscriptions matched
        Map<Session, Object> bySession = new IdentityHashMap<>(sessionsMatched.size() * 2);
        for (int i = 0; i < sessionsMatched.size(); i++) {
            bySession.merge(sessionsMatched.get(i), optionsMatched.get(i), Broker::collect);
        }
        for (Map.Entry<Session, Object> e : bySession.entrySet()) {
            if (e.getValue() instanceof SubscriptionOptions single) {
                deliver(e.getKey(), message, single, null, publisher, null);
            } else {
                @SuppressWarnings("unchecked")
                List<SubscriptionOptions> several = (List<SubscriptionOptions>) e.getValue();
                deliver(e.getKey(), message, several.get(0), several, publisher, null);
            }
        }
        return bySession.size();
    }

    @SuppressWarnings("unchecked")
    private static Object collect(Object existing, Object added) {
        List<SubscriptionOptions> list;
        if (existing instanceof SubscriptionOptions o) {
            list = new ArrayList<>(2);
            list.add(o);
        } else {
            list = (List<SubscriptionOptions>) existing;
        }
        list.add((SubscriptionOptions) added);
        return list;
    }

    private void deliver(Session session, Message message, SubscriptionOptions first,
            List<SubscriptionOptions> all, SessionOwner publisher, DeliveryListener listener) {
        offer(session, delivery(message, first, all, listener), publisher);
    }

    /** The delivery a set of matching subscriptions of one session asks for. */
    public static Delivery delivery(Message message, SubscriptionOptions first, List<SubscriptionOptions> all,
            DeliveryListener listener) {
        if (all == null) {
            int qos = Math.min(message.qos(), first.qos());
            boolean retain = first.retainAsPublished() && message.retain(); // [MQTT-3.3.1-12] [MQTT-3.3.1-13]
            int[] ids = first.subscriptionId() != 0 ? new int[] {first.subscriptionId()} : null;
            return new Delivery(message, qos, retain, ids, listener);
        }
        int granted = 0;
        boolean rap = false;
        int n = 0;
        int[] collected = new int[all.size()];
        for (SubscriptionOptions o : all) {
            granted = Math.max(granted, o.qos());
            rap |= o.retainAsPublished();
            if (o.subscriptionId() != 0) {
                collected[n++] = o.subscriptionId();
            }
        }
        return new Delivery(message, Math.min(message.qos(), granted), rap && message.retain(),
                n == 0 ? null : java.util.Arrays.copyOf(collected, n), listener);
    }

    /** Queues a delivery for a session, pausing the publisher when the session's queue is congested. */
    public void offer(Session session, Delivery delivery, SessionOwner publisher) {
        OfferResult r = session.offer(delivery);
        switch (r) {
            case QUEUED -> {
            }
            case QUEUED_CONGESTED -> {
                if (publisher != null && publisher != session.owner()) {
                    publisher.pauseReading();
                    session.awaitRoom(publisher);
                }
            }
            case DROPPED_QUEUE_FULL -> {
                stats.dropped(DropReason.QUEUE_FULL);
                delivery.abandoned();
            }
            case DROPPED_OFFLINE_QOS0 -> {
                stats.dropped(DropReason.OFFLINE_QOS0);
                delivery.abandoned();
            }
        }
    }

    /**
     * Adds or replaces a session's subscription [MQTT-3.8.4-3]. Runs on the session owner's event loop. A
     * durable session's own subscriptions live in the cluster; shared memberships are always served here.
     *
     * @return true when the session already had a subscription with this filter
     */
    public boolean subscribe(Session session, Subscription subscription) {
        return subscribe(session, subscription, null);
    }

    /**
     * {@link #subscribe(Session, Subscription)}, registering with {@code stored} the cluster writes the SUBACK
     * must wait for: a subscription acknowledged is stored, and known to every node.
     *
     * @param stored null when nobody waits
     */
    public boolean subscribe(Session session, Subscription subscription, PublishReceipt stored) {
        Subscription previous = session.subscriptions().put(subscription.filter().text(), subscription);
        if (!cluster.isDurable(session) || subscription.filter().isShared()) {
            subscriptions.put(subscription.filter(), session, subscription.options());
        }
        StoreTicket ticket = cluster.subscribed(session, subscription);
        if (stored != null && !(ticket.isDone() && !ticket.failed())) {
            stored.await(ticket);
        }
        return previous != null;
    }

    /** Removes a session's subscription; false when it had none with this filter [MQTT-3.10.4-5]. */
    public boolean unsubscribe(Session session, TopicFilter filter) {
        Subscription previous = session.subscriptions().remove(filter.text());
        if (previous == null) {
            return false;
        }
        subscriptions.remove(previous.filter(), session);
        cluster.unsubscribed(session, previous);
        return true;
    }

    /** Subscriptions in this node's trie, shared memberships included. */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    @Override
    public void sessionEnded(Session session) {
        forgetLocally(session);
        cluster.sessionEnded(session);
        abandonQueued(session);
    }

    @Override
    public void sessionReleased(Session session) {
        forgetLocally(session);
        abandonQueued(session);
    }

    /**
     * Drops the session's entries in this node's trie and withdraws what they announced; a durable session's own
     * subscriptions are not in the trie and stay in the cluster.
     */
    private void forgetLocally(Session session) {
        for (Subscription s : session.subscriptionList()) {
            if (subscriptions.remove(s.filter(), session) != null) {
                cluster.unsubscribed(session, s);
            }
        }
    }

    /** Messages still queued or in flight will not reach this session: let their sources know. */
    private void abandonQueued(Session session) {
        session.drainAll(d -> {
            stats.dropped(DropReason.SESSION_ENDED);
            d.abandoned();
        });
    }

    @Override
    public void publishWill(Message will) {
        cluster.willDue(will.publisherId(), () -> publish(will, null, null));
    }

    /** Collects what the trie matched: the common single-subscriber case allocates no list. */
    private static final class Matches implements SubscriptionTrie.Visitor<Session, SubscriptionOptions> {
        private final String publisherId;
        Session firstSession;
        SubscriptionOptions firstOptions;
        List<Session> moreSessions;
        List<SubscriptionOptions> moreOptions;
        List<SharedGroup<Session, SubscriptionOptions>> groups;

        Matches(String publisherId) {
            this.publisherId = publisherId;
        }

        @Override
        public void subscriber(Session session, SubscriptionOptions options) {
            if (options.noLocal() && session.clientId().equals(publisherId)) {
                return; // [MQTT-3.8.3-3]
            }
            if (firstSession == null) {
                firstSession = session;
                firstOptions = options;
                return;
            }
            if (moreSessions == null) {
                moreSessions = new ArrayList<>(4);
                moreOptions = new ArrayList<>(4);
            }
            moreSessions.add(session);
            moreOptions.add(options);
        }

        @Override
        public void sharedGroup(SharedGroup<Session, SubscriptionOptions> group) {
            if (groups == null) {
                groups = new ArrayList<>(2);
            }
            groups.add(group);
        }
    }
}
