package io.stratusmq.broker;

import io.stratusmq.routing.SharedGroup;
import io.stratusmq.routing.SubscriptionTrie;
import io.stratusmq.routing.TopicFilter;
import io.stratusmq.session.Delivery;
import io.stratusmq.session.Message;
import io.stratusmq.session.OfferResult;
import io.stratusmq.session.Session;
import io.stratusmq.session.SessionOwner;
import io.stratusmq.session.SessionRegistry;
import io.stratusmq.session.Subscription;
import io.stratusmq.session.SubscriptionOptions;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's message switch: matches a published message against every subscription and queues one delivery
 * per session, keeps retained messages, and forgets a session's subscriptions when it ends.
 *
 * <p>Threading: thread-safe; {@link #publish} runs on the publisher's event loop and never blocks: deliveries
 * go to lock-free session mailboxes and their owners are woken on their own loops.
 */
public final class Broker implements SessionRegistry.SessionEndListener {

    private final SubscriptionTrie<Session, SubscriptionOptions> subscriptions = new SubscriptionTrie<>();
    private final RetainedStore retained;
    private final SessionRegistry sessions;
    private final BrokerStats stats;
    private volatile MessageForwarder forwarder = MessageForwarder.NONE;

    public Broker(SessionRegistry sessions, RetainedStore retained, BrokerStats stats) {
        this.sessions = sessions;
        this.retained = retained;
        this.stats = stats;
        sessions.listener(this);
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public RetainedStore retained() {
        return retained;
    }

    public BrokerStats stats() {
        return stats;
    }

    /** Where messages for subscribers on other nodes go; the single-node broker has none. */
    public void forwarder(MessageForwarder f) {
        this.forwarder = f;
    }

    /**
     * Publishes a message from a client or a will: stores it if retained, delivers it to local subscribers and
     * hands it to the forwarder for other nodes.
     *
     * @param publisher the publishing connection, paused when a subscriber's queue is congested; or null
     * @return the number of subscriptions the message reached, remote nodes counted once each
     */
    public int publish(Message message, SessionOwner publisher) {
        if (message.retain()) {
            retained.set(message);
        }
        int reached = deliverLocally(message, publisher);
        return reached + forwarder.forward(message);
    }

    /** Delivers a message to this node's subscribers only, e.g. one that arrived from another node. */
    public int deliverLocally(Message message, SessionOwner publisher) {
        Matches matches = new Matches(message.publisherId());
        subscriptions.match(message.topic(), matches);
        int reached = 0;
        if (matches.firstSession != null) {
            if (matches.moreSessions == null) {
                deliver(matches.firstSession, message, matches.firstOptions, null, publisher);
                reached = 1;
            } else {
                reached = deliverAggregated(matches, message, publisher);
            }
        }
        if (matches.groups != null) {
            for (SharedGroup<Session, SubscriptionOptions> group : matches.groups) {
                // one member per group (MQTT 5 section 4.8.2): an online one if any, else a persistent offline one
                Map.Entry<Session, SubscriptionOptions> member = group.pickEntry(Session::isOnline);
                if (member == null) {
                    member = group.pickEntry(s -> !s.isEnded());
                }
                if (member != null) {
                    deliver(member.getKey(), message, member.getValue(), null, publisher);
                    reached++;
                }
            }
        }
        return reached;
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
            SubscriptionOptions o = optionsMatched.get(i);
            bySession.merge(sessionsMatched.get(i), o, Broker::collect);
        }
        for (Map.Entry<Session, Object> e : bySession.entrySet()) {
            if (e.getValue() instanceof SubscriptionOptions single) {
                deliver(e.getKey(), message, single, null, publisher);
            } else {
                @SuppressWarnings("unchecked")
                List<SubscriptionOptions> several = (List<SubscriptionOptions>) e.getValue();
                deliver(e.getKey(), message, several.get(0), several, publisher);
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
            List<SubscriptionOptions> all, SessionOwner publisher) {
        int qos;
        boolean retain;
        int[] ids;
        if (all == null) {
            qos = Math.min(message.qos(), first.qos());
            retain = first.retainAsPublished() && message.retain(); // [MQTT-3.3.1-12] [MQTT-3.3.1-13]
            ids = first.subscriptionId() != 0 ? new int[] {first.subscriptionId()} : null;
        } else {
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
            qos = Math.min(message.qos(), granted);
            retain = rap && message.retain();
            ids = n == 0 ? null : java.util.Arrays.copyOf(collected, n);
        }
        offer(session, new Delivery(message, qos, retain, ids), publisher);
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
            case DROPPED_QUEUE_FULL -> stats.dropped(DropReason.QUEUE_FULL);
            case DROPPED_OFFLINE_QOS0 -> stats.dropped(DropReason.OFFLINE_QOS0);
        }
    }

    /**
     * Adds or replaces a session's subscription [MQTT-3.8.4-3]. Runs on the session owner's event loop.
     *
     * @return true when the session already had a subscription with this filter
     */
    public boolean subscribe(Session session, Subscription subscription) {
        Subscription previous = session.subscriptions().put(subscription.filter().text(), subscription);
        subscriptions.put(subscription.filter(), session, subscription.options());
        forwarder.subscribed(subscription.filter());
        return previous != null;
    }

    /** Removes a session's subscription; false when it had none with this filter [MQTT-3.10.4-5]. */
    public boolean unsubscribe(Session session, TopicFilter filter) {
        Subscription previous = session.subscriptions().remove(filter.text());
        if (previous == null) {
            return false;
        }
        subscriptions.remove(previous.filter(), session);
        forwarder.unsubscribed(previous.filter());
        return true;
    }

    /** Subscriptions on this node, shared memberships included. */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    @Override
    public void sessionEnded(Session session) {
        for (Subscription s : session.subscriptionList()) {
            subscriptions.remove(s.filter(), session);
            forwarder.unsubscribed(s.filter());
        }
        int left = session.queuedCount() + session.outbound().inFlightCount();
        for (int i = 0; i < left; i++) {
            stats.dropped(DropReason.SESSION_ENDED);
        }
    }

    @Override
    public void publishWill(Message will) {
        publish(will, null);
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
