package io.stratusmq.loadtest.scenario;

import io.stratusmq.loadtest.transport.BrokerAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * Who connects where, who publishes to which topic, who subscribes to which filter, and which
 * subscribers must together receive which publishers' messages. Scenarios build one; the engine runs it.
 * Publisher and subscriber ids are dense, starting at 0, in the order they were added.
 *
 * <p>A publisher has a connection of its own, or publishes on a subscriber's connection (a client that both
 * subscribes and publishes).
 */
public final class Topology {

    /**
     * A publisher.
     *
     * @param subscriberConnection the subscriber whose connection it publishes on, or -1 for a connection of its own
     */
    public record PublisherSpec(int id, BrokerAddress address, String topic, int subscriberConnection) {

        public boolean ownConnection() {
            return subscriberConnection < 0;
        }
    }

    /**
     * A subscribing connection. It expects messages from publishers
     * {@code firstPublisher .. firstPublisher + publisherCount - 1} (possibly only some of them, when shared).
     */
    public record SubscriberSpec(int id, BrokerAddress address, String topicFilter, int firstPublisher,
                                 int publisherCount) {
    }

    /** Subscribers that together owe each message of the listed publishers exactly one delivery. */
    public record GroupSpec(int[] subscriberIds, int[] publisherIds) {
    }

    private final List<PublisherSpec> publishers = new ArrayList<>();
    private final List<SubscriberSpec> subscribers = new ArrayList<>();
    private final List<GroupSpec> groups = new ArrayList<>();

    /** A publisher on a connection of its own. */
    public int addPublisher(BrokerAddress address, String topic) {
        publishers.add(new PublisherSpec(publishers.size(), address, topic, -1));
        return publishers.size() - 1;
    }

    /** A publisher on the connection of subscriber {@code subscriberId} (added before). */
    public int addPublisherOnSubscriber(int subscriberId, String topic) {
        SubscriberSpec subscriber = subscribers.get(subscriberId);
        for (PublisherSpec other : publishers) {
            if (other.subscriberConnection() == subscriberId) {
                throw new IllegalArgumentException("subscriber " + subscriberId + " already carries a publisher");
            }
        }
        publishers.add(new PublisherSpec(publishers.size(), subscriber.address(), topic, subscriberId));
        return publishers.size() - 1;
    }

    public int addSubscriber(BrokerAddress address, String topicFilter, int firstPublisher, int publisherCount) {
        subscribers.add(new SubscriberSpec(subscribers.size(), address, topicFilter, firstPublisher, publisherCount));
        return subscribers.size() - 1;
    }

    public void addGroup(int[] subscriberIds, int[] publisherIds) {
        groups.add(new GroupSpec(subscriberIds.clone(), publisherIds.clone()));
    }

    public List<PublisherSpec> publishers() {
        return publishers;
    }

    public List<SubscriberSpec> subscribers() {
        return subscribers;
    }

    public List<GroupSpec> groups() {
        return groups;
    }

    /** Whether subscriber {@code subscriberId}'s connection also carries a publisher. */
    public boolean subscriberAlsoPublishes(int subscriberId) {
        for (PublisherSpec publisher : publishers) {
            if (publisher.subscriberConnection() == subscriberId) {
                return true;
            }
        }
        return false;
    }

    /** Network connections the run opens: every subscriber, and every publisher with a connection of its own. */
    public int connections() {
        int own = 0;
        for (PublisherSpec publisher : publishers) {
            if (publisher.ownConnection()) {
                own++;
            }
        }
        return subscribers.size() + own;
    }

    /** Deliveries owed per published message, averaged over publishers (1 for fan-in, N for fan-out to N). */
    public double deliveriesPerMessage() {
        if (publishers.isEmpty()) {
            return 0;
        }
        long memberships = 0;
        for (GroupSpec group : groups) {
            memberships += group.publisherIds().length;
        }
        return (double) memberships / publishers.size();
    }

    /** {@code 0 .. count-1}. */
    public static int[] range(int first, int count) {
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = first + i;
        }
        return ids;
    }
}
