package io.stratusmq.routing;
public final class SubscriptionTrie<K, V> {
    public V put(TopicFilter filter, K key, V value) { return null; }
    public V remove(TopicFilter filter, K key) { return null; }
    public V get(TopicFilter filter, K key) { return null; }
    public void match(String topicName, Visitor<K, V> visitor) { }
    public int size() { return 0; }
    public boolean isEmpty() { return true; }
    public interface Visitor<K, V> {
        void subscriber(K key, V value);
        void sharedGroup(SharedGroup<K, V> group);
    }
}
