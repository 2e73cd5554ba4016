package io.stratusmq.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A visitor that records what one match visited, in order. Not thread-safe: one per match. */
final class Recorder<K, V> implements SubscriptionTrie.Visitor<K, V> {

    final List<Map.Entry<K, V>> subscribers = new ArrayList<>();
    final List<SharedGroup<K, V>> groups = new ArrayList<>();

    static <K, V> Recorder<K, V> match(SubscriptionTrie<K, V> trie, String topic) {
        Recorder<K, V> recorder = new Recorder<>();
        trie.match(topic, recorder);
        return recorder;
    }

    @Override
    public void subscriber(K key, V value) {
        subscribers.add(Map.entry(key, value));
    }

    @Override
    public void sharedGroup(SharedGroup<K, V> group) {
        groups.add(group);
    }

    List<K> keys() {
        return subscribers.stream().map(Map.Entry::getKey).toList();
    }

    List<V> values() {
        return subscribers.stream().map(Map.Entry::getValue).toList();
    }

    List<String> groupNames() {
        return groups.stream().map(g -> "$share/" + g.shareName() + "/" + g.filter()).toList();
    }
}
