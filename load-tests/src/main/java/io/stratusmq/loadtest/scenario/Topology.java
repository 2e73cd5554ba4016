package io.stratusmq.loadtest.scenario;

import io.stratusmq.loadtest.transport.BrokerAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * Who connects where, who publishes to which topic, who subscribes to which filter, and which
 * subscribers must together receive which publishers' messages. Scenarios build one; the engine runs it.
 * Publisher and subscriber ids are dense, starting at 0, in the order they were added.
 */
public final class Topology {

    /** A publishing connection. */
    public record PublisherSpec(int id, BrokerAddress address, String topic) {
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

    public int addPublisher(BrokerAddress address, String topic) {
        publishers.add(new PublisherSpec(publishers.size(), address, topic));
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
