package io.stratusmq.routing;
public final class TopicTree<V> {
    public V put(String topicName, V value) { return null; }
    public V remove(String topicName) { return null; }
    public V get(String topicName) { return null; }
    public void match(TopicFilter filter, java.util.function.BiConsumer<String, V> action) { }
    public int size() { return 0; }
}
