package io.stratusmq.routing;
public final class SharedGroup<K, V> {
    public String shareName() { return null; }
    public String filter() { return null; }
    public int size() { return 0; }
    public K pick(java.util.function.Predicate<K> eligible) { return null; }
    public V get(K key) { return null; }
    public void forEach(java.util.function.BiConsumer<K, V> action) { }
}
