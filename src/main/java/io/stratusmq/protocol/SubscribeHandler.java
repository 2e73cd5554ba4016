package io.stratusmq.protocol;

import static java.lang.System.Logger.Level.INFO;

import io.stratusmq.broker.DropReason;
import io.stratusmq.broker.PublishReceipt;
import io.stratusmq.codec.AckProperties;
import io.stratusmq.codec.MalformedPacketException;
import io.stratusmq.codec.MqttVersion;
import io.stratusmq.codec.SubAck;
import io.stratusmq.codec.SubAckReasonCode;
import io.stratusmq.codec.Subscribe;
import io.stratusmq.codec.TopicSubscription;
import io.stratusmq.codec.UnsubAck;
import io.stratusmq.codec.UnsubAckReasonCode;
import io.stratusmq.codec.Unsubscribe;
import io.stratusmq.protocol.ProtocolStats.RefusedSubscription;
import io.stratusmq.routing.InvalidTopicException;
import io.stratusmq.routing.TopicFilter;
import io.stratusmq.session.Delivery;
import io.stratusmq.session.Message;
import io.stratusmq.session.OfferResult;
import io.stratusmq.session.Session;
import io.stratusmq.session.Subscription;
import io.stratusmq.session.SubscriptionOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE and UNSUBSCRIBE [MQTT-3.8], [MQTT-3.10]: one reason code per filter, then the retained messages
 * the new subscriptions ask for, after the SUBACK (MQTT 5 section 3.8.4).
 *
 * <p>Threading: owner-confined, on the connection's event loop; retained lookups may complete elsewhere and
 * go through the session's mailbox.
 */
final class SubscribeHandler {

    private static final System.Logger LOG = System.getLogger(SubscribeHandler.class.getName());

    private final MqttConnection c;

    SubscribeHandler(MqttConnection c) {
        this.c = c;
    }

    void subscribe(Subscribe p) throws MalformedPacketException {
        Session session = c.session;
        PendingSubAck pending = new PendingSubAck(p, session, new ArrayList<>(p.subscriptions().size()));
        PublishReceipt stored = new PublishReceipt(c.executor(), pending);
        List<SubAckReasonCode> codes = pending.codes;
        int subscriptionId = p.subscriptionIdentifier() == null ? 0 : p.subscriptionIdentifier();
        for (TopicSubscription ts : p.subscriptions()) {
            TopicFilter filter;
            try {
                filter = TopicFilter.parse(ts.filter());
                checkLimits(filter);
            } catch (InvalidTopicException e) {
                if (c.version == MqttVersion.V3_1) {
                    // a 3.1 SUBACK holds granted QoS only: no code can say no, so close, as Mosquitto does
                    throw MalformedPacketException.malformed(
                            "invalid topic filter from a 3.1 client: " + e.getMessage());
                }
                c.ctx.stats().refused(RefusedSubscription.TOPIC_FILTER_INVALID);
                codes.add(SubAckReasonCode.TOPIC_FILTER_INVALID);
                continue;
            }
            if (filter.isShared() && ts.noLocal()) {
                throw MalformedPacketException.protocolError("No Local on a shared subscription [MQTT-3.8.3-4]");
            }
            if (filter.isShared() && !c.config.sharedSubscriptionsAvailable()) {
                c.ctx.stats().refused(RefusedSubscription.SHARED_NOT_SUPPORTED);
                codes.add(SubAckReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED);
                continue;
            }
            if (!c.ctx.authorizer().maySubscribe(c.identity, filter.filter())) {
                c.ctx.stats().refused(RefusedSubscription.NOT_AUTHORIZED);
                codes.add(SubAckReasonCode.NOT_AUTHORIZED);
                continue;
            }
            if (overQuota(session, filter)) {
                c.ctx.stats().refused(RefusedSubscription.QUOTA_EXCEEDED);
                if (c.version == MqttVersion.V3_1) {
                    throw MalformedPacketException.malformed("too many subscriptions for a 3.1 client, whose SUBACK"
                            + " cannot refuse one"); // as for an invalid filter
                }
                codes.add(SubAckReasonCode.QUOTA_EXCEEDED); // 0x80 for 3.1.1
                continue;
            }
            int granted = Math.min(ts.qos(), c.config.maximumQos());
            SubscriptionOptions options = new SubscriptionOptions(granted, ts.noLocal(), ts.retainAsPublished(),
                    ts.retainHandling(), subscriptionId);
            Subscription subscription = new Subscription(filter, options);
            boolean existed = c.ctx.broker().subscribe(session, subscription, stored);
            if (!existed) {
                pending.added(filter);
            }
            codes.add(SubAckReasonCode.granted(granted));
            // retained messages per Retain Handling (MQTT 5 section 3.8.3.1); never for shared subscriptions
            if (!filter.isShared() && (ts.retainHandling() == 0 || (ts.retainHandling() == 1 && !existed))) {
                pending.wantsRetained(subscription);
            }
        }
        if (stored.nothingToWait()) {
            pending.acknowledge(); // nothing went to a cluster store: no hop through the receipt
        } else {
            stored.seal();
        }
    }

    /**
     * A SUBACK waiting for the cluster to store the subscriptions it grants, so that one acknowledged survives
     * the node and every node routes to it. Its outcome runs on the connection's event loop.
     */
    private final class PendingSubAck implements PublishReceipt.Outcome {

        private final Subscribe packet;
        private final Session session;
        final List<SubAckReasonCode> codes;
        private List<Subscription> wantRetained;
        private List<TopicFilter> added;

        PendingSubAck(Subscribe packet, Session session, List<SubAckReasonCode> codes) {
            this.packet = packet;
            this.session = session;
            this.codes = codes;
        }

        void added(TopicFilter filter) {
            if (added == null) {
                added = new ArrayList<>(2);
            }
            added.add(filter);
        }

        void wantsRetained(Subscription s) {
            if (wantRetained == null) {
                wantRetained = new ArrayList<>(2);
            }
            wantRetained.add(s);
        }

        /** The subscriptions are in place: SUBACK, then the retained messages. */
        void acknowledge() {
            c.write(new SubAck(packet.packetId(), codes, AckProperties.EMPTY));
            if (wantRetained != null) {
                for (Subscription s : wantRetained) {
                    sendRetained(session, s);
                }
            }
        }

        /** The cluster stored the subscriptions; this runs outside the read cycle, so it flushes. */
        @Override
        public void durable() {
            if (c.session != session) {
                return; // the connection closed meanwhile
            }
            acknowledge();
            c.flush();
        }

        /**
         * The cluster store did not take the subscriptions (Redis unreachable): what was granted is refused with
         * 0x80, and the subscriptions this SUBSCRIBE created are taken back, so that the client's view and the
         * broker's agree. One that only changed options keeps the new ones locally.
         */
        @Override
        public void failed() {
            if (c.session != session) {
                return;
            }
            LOG.log(INFO, "{0}: SUBSCRIBE refused, the subscriptions could not be stored", c);
            if (added != null) {
                for (TopicFilter f : added) {
                    c.ctx.broker().unsubscribe(session, f);
                }
            }
            List<SubAckReasonCode> refused = new ArrayList<>(codes.size());
            for (SubAckReasonCode code : codes) {
                refused.add(code.isError() ? code : SubAckReasonCode.UNSPECIFIED_ERROR);
            }
            c.write(new SubAck(packet.packetId(), refused, AckProperties.EMPTY));
            c.flush();
        }
    }

    /** A new filter beyond {@link Limits#maxSubscriptionsPerClient}; replacing an existing one is fine. */
    private boolean overQuota(Session session, TopicFilter filter) {
        int max = c.ctx.limits().maxSubscriptionsPerClient();
        return max > 0 && session.subscriptions().size() >= max
                && !session.subscriptions().containsKey(filter.text());
    }

    private void checkLimits(TopicFilter filter) throws InvalidTopicException {
        String f = filter.text();
        if (io.stratusmq.codec.Utf8.encodedLength(f) > c.config.maxTopicLength()) {
            throw new InvalidTopicException("topic filter longer than " + c.config.maxTopicLength() + " bytes");
        }
        int maxLevels = c.config.maxTopicLevels();
        if (maxLevels > 0) {
            int levels = 1;
            for (int i = 0; i < f.length(); i++) {
                if (f.charAt(i) == '/') {
                    levels++;
                }
            }
            if (levels > maxLevels) {
                throw new InvalidTopicException("topic filter with more than " + maxLevels + " levels");
            }
        }
    }

    /** Retained messages go through the mailbox, so they follow the SUBACK and keep order with live ones. */
    private void sendRetained(Session session, Subscription s) {
        c.ctx.broker().retained().match(s.filter()).whenComplete((messages, error) -> {
            if (error != null || messages == null) {
                return;
            }
            int id = s.options().subscriptionId();
            int[] ids = id != 0 ? new int[] {id} : null;
            for (Message m : messages) {
                // [MQTT-3.3.1-8] a retained message sent for a new subscription carries RETAIN = 1
                Delivery d = new Delivery(m, Math.min(m.qos(), s.options().qos()), true, ids);
                if (session.offerRetained(d) == OfferResult.DROPPED_OFFLINE_QOS0) {
                    c.stats.dropped(DropReason.OFFLINE_QOS0);
                }
            }
        });
    }

    void unsubscribe(Unsubscribe p) {
        List<UnsubAckReasonCode> codes = new ArrayList<>(p.filters().size());
        for (String text : p.filters()) {
            TopicFilter filter;
            try {
                filter = TopicFilter.parse(text);
            } catch (InvalidTopicException e) {
                codes.add(UnsubAckReasonCode.TOPIC_FILTER_INVALID);
                continue;
            }
            boolean existed = c.ctx.broker().unsubscribe(c.session, filter);
            codes.add(existed ? UnsubAckReasonCode.SUCCESS : UnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED);
        }
        c.write(new UnsubAck(p.packetId(), codes, AckProperties.EMPTY));
    }
}
