package io.stratusmq.cluster;

import io.stratusmq.broker.Broker;
import io.stratusmq.broker.ClusterBridge;
import io.stratusmq.broker.PublishReceipt;
import io.stratusmq.routing.SharedGroup;
import io.stratusmq.routing.SubscriptionTrie;
import io.stratusmq.session.Delivery;
import io.stratusmq.session.Message;
import io.stratusmq.session.Session;
import io.stratusmq.session.StoreTicket;
import io.stratusmq.session.Subscription;
import io.stratusmq.session.SubscriptionOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The broker's cluster SPI over Redis: routes a publish to the nodes and durable sessions the replicated route
 * table names, to the shared-subscription streams, and records subscriptions and session ends.
 *
 * <p>Threading: called on event loops; never blocks; Redis work leaves through the outbox and the pipeline.
 */
final class RedisBridge implements ClusterBridge {

    private final String me;
    private final RedisKeys keys;
    private final RedisPipeline redis;
    private final RouteTable routes;
    private final Outbox outbox;
    private final RedisSessionStore store;
    private final SessionFetcher fetcher;
    private final SharedConsumers shared;
    private final Supplier<Broker> broker;
    /** {@code stratus.mqtt.queue-qos0-offline}: QoS 0 messages are queued for offline persistent sessions too. */
    private final boolean queueQos0Offline;

    RedisBridge(String me, RedisKeys keys, RedisPipeline redis, RouteTable routes, Outbox outbox,
            RedisSessionStore store, SessionFetcher fetcher, SharedConsumers shared, Supplier<Broker> broker,
            boolean queueQos0Offline) {
        this.me = me;
        this.queueQos0Offline = queueQos0Offline;
        this.keys = keys;
        this.redis = redis;
        this.routes = routes;
        this.outbox = outbox;
        this.store = store;
        this.fetcher = fetcher;
        this.shared = shared;
        this.broker = broker;
    }

    @Override
    public boolean isDurable(Session session) {
        return session.durable();
    }

    @Override
    public boolean servesSharedGroups() {
        return true;
    }

    @Override
    public int forward(Message message, PublishReceipt receipt) {
        Routes matched = new Routes(message.publisherId());
        routes.trie().match(message.topic(), matched);
        int reached = 0;
        boolean qos0 = message.qos() == 0;
        for (String node : matched.nodes) {
            if (node.equals(me)) {
                continue; // the broker delivered to this node's own subscribers already
            }
            reached++;
            if (qos0) {
                outbox.channel(node, message);
            } else {
                outbox.inbox(node, message, receipt); // durable even for a dead node until its cleanup
            }
        }
        for (Map.Entry<String, List<SubscriptionOptions>> e : matched.durable.entrySet()) {
            reached++;
            List<SubscriptionOptions> options = e.getValue();
            Delivery d = Broker.delivery(message, options.get(0), options.size() > 1 ? options : null, null);
            toDurableSession(e.getKey(), d, receipt);
        }
        if (matched.groups != null) {
            for (SharedGroup<String, SubscriptionOptions> g : matched.groups) {
                reached++;
                outbox.shared(keys.shared(g.shareName(), g.filter()), message, qos0 ? null : receipt);
            }
        }
        return reached;
    }

    /**
     * QoS 1/2 goes into the session's queue in the store; QoS 0 only to where the client is connected now, or
     * into the queue when offline QoS 0 messages are kept (nobody waits for that write).
     */
    private void toDurableSession(String clientId, Delivery d, PublishReceipt receipt) {
        if (d.qos() == 0) {
            String owner = routes.owner(clientId);
            if (owner == null) {
                offlineQos0(clientId, d, false);
                return;
            }
            if (owner.equals(me)) {
                Session s = broker.get().sessions().get(clientId);
                if (s != null && s.isOnline() && s.durable()) {
                    broker.get().offer(s, d, null);
                } else {
                    offlineQos0(clientId, d, false); // it went offline here a moment ago
                }
            } else {
                outbox.durableQos0(owner, clientId, d);
            }
            return;
        }
        StoreTicket ticket = new StoreTicket();
        if (receipt != null) {
            receipt.await(ticket);
        }
        store.enqueue(clientId, d, ticket, owner -> wake(owner, clientId));
    }

    /**
     * A QoS 0 message for a persistent session that is offline: queued when {@code queue-qos0-offline} says so,
     * else dropped [MQTT-3.1.2-5]. Nobody waits for the write. A session that has ended meanwhile gets nothing.
     *
     * @param late it reached the session's old node as the session left it, a longer way than the messages
     *     published after it took: dropped if one of them is queued already, so that publish order holds
     */
    void offlineQos0(String clientId, Delivery d, boolean late) {
        if (queueQos0Offline) {
            store.enqueue(clientId, d, late, new StoreTicket(), o -> wake(o, clientId));
        }
    }

    private void wake(String owner, String clientId) {
        if (owner == null || owner.isEmpty()) {
            return;
        }
        if (owner.equals(me)) {
            fetcher.wake(clientId);
        } else {
            // whether or not this node has seen the owner's heartbeat yet: a node that joined within the last
            // heartbeat serves its sessions already, and a wake-up for a dead node is one pub/sub message to
            // nobody (its sessions fetch their queues when they resume)
            outbox.wake(owner, clientId);
        }
    }

    @Override
    public StoreTicket subscribed(Session session, Subscription subscription) {
        if (subscription.filter().isShared()) {
            shared.memberAdded(subscription.filter().shareName(), subscription.filter().filter());
            return routes.localAdded(subscription.filter());
        } else if (session.durable()) {
            return store.subscribed(session.clientId(), subscription);
        } else {
            return routes.localAdded(subscription.filter());
        }
    }

    @Override
    public void unsubscribed(Session session, Subscription subscription) {
        if (subscription.filter().isShared()) {
            routes.localRemoved(subscription.filter());
            shared.memberRemoved(subscription.filter().shareName(), subscription.filter().filter());
        } else if (session.durable()) {
            store.unsubscribed(session.clientId(), subscription.filter().text());
        } else {
            routes.localRemoved(subscription.filter());
        }
    }

    @Override
    public void sessionEnded(Session session) {
        if (session.ownerToken() == null) {
            return; // never reached the cluster
        }
        if (session.durable()) {
            store.end(session.clientId(), session.ownerToken(), false);
            routes.ownerChanged(session.clientId(), false);
            redis.fire(Request.cmd(Command.SREM).arg(keys.hosted(me)).arg(session.clientId()));
        } else {
            store.gone(session);
        }
    }

    @Override
    public void willDue(String clientId, Runnable publish) {
        redis.send(Request.cmd(Command.EVAL).arg(Scripts.TAKE_WILL).arg(1).arg(keys.session(clientId)), ar -> {
            if (ar.succeeded() && ar.result() != null) {
                publish.run(); // this node took the will: nobody else will publish it
            }
        });
    }

    /** What the route trie matched: nodes, durable sessions (with every matching subscription), groups. */
    private static final class Routes implements SubscriptionTrie.Visitor<String, SubscriptionOptions> {
        private final String publisherId;
        final List<String> nodes = new ArrayList<>(4);
        final Map<String, List<SubscriptionOptions>> durable = new LinkedHashMap<>();
        List<SharedGroup<String, SubscriptionOptions>> groups;

        Routes(String publisherId) {
            this.publisherId = publisherId;
        }

        @Override
        public void subscriber(String key, SubscriptionOptions options) {
            if (key.startsWith(RouteTable.DURABLE)) {
                String clientId = key.substring(RouteTable.DURABLE.length());
                if (options.noLocal() && clientId.equals(publisherId)) {
                    return; // [MQTT-3.8.3-3]
                }
                durable.computeIfAbsent(clientId, k -> new ArrayList<>(2)).add(options);
            } else if (!nodes.contains(key)) {
                nodes.add(key);
            }
        }

        @Override
        public void sharedGroup(SharedGroup<String, SubscriptionOptions> group) {
            if (groups == null) {
                groups = new ArrayList<>(2);
            }
            groups.add(group);
        }
    }
}
