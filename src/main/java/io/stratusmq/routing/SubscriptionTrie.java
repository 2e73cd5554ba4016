package io.stratusmq.routing;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Maps topic filters to subscribers, one level of the filter per node, and finds every subscriber whose
 * filter matches a topic name without looking at the filters that cannot.
 *
 * <p>{@code K} identifies a subscriber (a session or client id, say) and {@code V} is what it asked for (its
 * QoS and options, say). A key subscribed through several matching filters is visited once per filter; the
 * broker merges them [MQTT-3.3.4-2]. A shared filter "$share/{name}/{filter}" [MQTT-4.8.2] makes the key a
 * member of that share group of that filter, and the group is visited once, whatever its size.
 *
 * <p>Threading: {@link #match}, {@link #get}, {@link #size} and {@link #isEmpty} never lock or block and may
 * run concurrently from any number of threads. {@link #put} and {@link #remove} are serialized by a lock, so a
 * node that one writer prunes can never swallow another writer's subscription; readers never wait for it. A
 * match concurrent with a change sees that change or not, and never sees a subscriber twice through one
 * filter; a subscription that no writer touches is always seen.
 */
public final class SubscriptionTrie<K, V> {

    /** Receives the matches of one {@link #match} call, on the calling thread. */
    public interface Visitor<K, V> {

        /** A subscriber whose non-shared filter matches. */
        void subscriber(K key, V value);

        /** A shared subscription whose filter matches; the visitor picks the member that gets the message. */
        void sharedGroup(SharedGroup<K, V> group);
    }

    private final TrieNode<K, V> root = new TrieNode<>(null, "");
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile int size;
    /** Nodes below the root; guarded by {@link #writeLock}. */
    private int nodeCount;

    /**
     * Subscribes the key to the filter, or, for a shared filter, makes it a member of that group; replaces
     * the value if it is already there [MQTT-3.8.4-3].
     *
     * @return the value replaced, or null for a new subscription
     */
    public V put(TopicFilter filter, K key, V value) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        writeLock.lock();
        try {
            TrieNode<K, V> node = root;
            for (int i = 0; i < filter.levelCount(); i++) {
                String level = filter.level(i);
                TrieNode<K, V> child = node.child(level);
                if (child == null) {
                    child = node.addChild(level);
                    nodeCount++;
                }
                node = child;
            }
            V previous;
            if (filter.isShared()) {
                SharedGroup<K, V> group = node.group(filter.shareName());
                if (group == null) {
                    group = new SharedGroup<>(filter.shareName(), filter.filter());
                    previous = group.members.put(key, value);
                    node.addGroup(group); // published with its first member, never empty
                } else {
                    previous = group.members.put(key, value);
                }
            } else {
                Members<K, V> members = node.subscribers;
                if (members == null) {
                    members = new Members<>();
                    previous = members.put(key, value);
                    node.subscribers = members;
                } else {
                    previous = members.put(key, value);
                }
            }
            if (previous == null) {
                size++;
            }
            return previous;
        } finally {
            writeLock.unlock();
        }
    }

    /** Unsubscribes the key from the filter (or leaves the share group); returns the value removed or null. */
    public V remove(TopicFilter filter, K key) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(key, "key");
        writeLock.lock();
        try {
            TrieNode<K, V> node = find(filter);
            if (node == null) {
                return null;
            }
            V previous = null;
            if (filter.isShared()) {
                SharedGroup<K, V> group = node.group(filter.shareName());
                if (group != null) {
                    previous = group.members.remove(key);
                    if (previous != null && group.members.size() == 0) {
                        node.removeGroup(group);
                    }
                }
            } else {
                Members<K, V> members = node.subscribers;
                if (members != null) {
                    previous = members.remove(key);
                    if (previous != null && members.size() == 0) {
                        node.subscribers = null;
                    }
                }
            }
            if (previous != null) {
                size--;
                prune(node);
            }
            return previous;
        } finally {
            writeLock.unlock();
        }
    }

    /** The value the key subscribed to this filter with (for a shared filter: in that group), or null. */
    public V get(TopicFilter filter, K key) {
        TrieNode<K, V> node = find(filter);
        if (node == null) {
            return null;
        }
        if (filter.isShared()) {
            SharedGroup<K, V> group = node.group(filter.shareName());
            return group == null ? null : group.get(key);
        }
        Members<K, V> members = node.subscribers;
        return members == null ? null : members.get(key);
    }

    /**
     * Visits every subscriber whose non-shared filter matches the topic name, and every shared group whose
     * filter does, each once per matching filter, in no set order. The topic name must be valid (see
     * {@link TopicName#validate}); an empty one matches nothing.
     *
     * <p>Lock-free. Walks the trie depth first without recursion, so no filter is too deep for the stack, and
     * allocates nothing but one substring per level looked up among more than {@link TrieNode#FEW} exact
     * children (the key of their map); fewer are compared in place.
     */
    public void match(String topicName, Visitor<K, V> visitor) {
        int n = topicName.length();
        if (n == 0) {
            return;
        }
        boolean dollar = topicName.charAt(0) == '$';
        TrieNode<K, V> node = root;
        int pos = 0; // start of the topic level below node; n + 1 once every level is consumed
        while (true) {
            boolean wildcards = node != root || !dollar; // [MQTT-4.7.2-1]
            if (wildcards) {
                TrieNode<K, V> hash = node.hash;
                if (hash != null) {
                    hash.visit(visitor); // [MQTT-4.7.1-2] '#' matches this level and any number below
                }
            }
            if (pos > n) {
                node.visit(visitor);
            } else {
                int end = topicName.indexOf('/', pos);
                if (end < 0) {
                    end = n;
                }
                TrieNode<K, V> next = node.exactChild(topicName, pos, end); // [MQTT-4.7.3-4] case included
                if (next == null && wildcards) {
                    next = node.plus; // [MQTT-4.7.1-3] '+' matches one level, empty or not
                }
                if (next != null) {
                    node = next;
                    pos = end + 1;
                    continue;
                }
            }
            // Climb back until an ancestor has a '+' child still to try for the level below it. The exact
            // child of a node is always tried before its '+' child, so coming up from a '+' child means that
            // node is done.
            while (true) {
                if (node == root) {
                    return;
                }
                TrieNode<K, V> parent = node.parent;
                if (!node.plusLevel && (parent != root || !dollar)) {
                    TrieNode<K, V> plus = parent.plus;
                    if (plus != null) {
                        node = plus; // consumes the same topic level, so pos stays
                        break;
                    }
                }
                pos = topicName.lastIndexOf('/', pos - 2) + 1; // start of node's own level
                node = parent;
            }
        }
    }

    /** Number of (filter, key) entries, shared memberships included. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Nodes below the root, for tests of pruning. */
    int nodeCount() {
        writeLock.lock();
        try {
            return nodeCount;
        } finally {
            writeLock.unlock();
        }
    }

    private TrieNode<K, V> find(TopicFilter filter) {
        TrieNode<K, V> node = root;
        for (int i = 0; i < filter.levelCount() && node != null; i++) {
            node = node.child(filter.level(i));
        }
        return node;
    }

    /** Unlinks the node and then each ancestor left with nothing in or below it. Caller holds the lock. */
    private void prune(TrieNode<K, V> node) {
        while (node != root && node.isEmpty()) {
            TrieNode<K, V> parent = node.parent;
            parent.removeChild(node);
            nodeCount--;
            node = parent;
        }
    }
}
