package io.stratusmq.routing;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Values keyed by topic name, such as retained messages, kept one level per node so that a wildcard filter
 * reaches the topics it matches without scanning the others: "a/+/c" looks at the children of "a" only, and
 * "sensors/#" at the subtree under "sensors".
 *
 * <p>Keys must be valid topic names (see {@link TopicName#validate}); the tree does not check them again.
 *
 * <p>Threading: the same contract as {@link SubscriptionTrie}. {@link #match}, {@link #get} and {@link #size}
 * never lock and may run from any number of threads; {@link #put} and {@link #remove} are serialized by a
 * lock and prune nodes left empty. A match concurrent with a change sees it or not; a topic no writer touches
 * is always seen, and no topic is seen twice.
 */
public final class TopicTree<V> {

    private final Node<V> root = new Node<>(null, "", 0);
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile int size;
    /** Nodes below the root; guarded by {@link #writeLock}. */
    private int nodeCount;

    /** A stored value with the full topic name it was stored under, so matches need not rebuild it. */
    private record Entry<V>(String topic, V value) {
    }

    private static final class Node<V> {
        final Node<V> parent;
        final String level;
        /** Levels from the root: the root is 0, "a" is 1, "a/b" is 2. */
        final int depth;
        /** Null until the first child and again after the last one goes. */
        volatile ConcurrentHashMap<String, Node<V>> children;
        volatile Entry<V> entry;

        Node(Node<V> parent, String level, int depth) {
            this.parent = parent;
            this.level = level;
            this.depth = depth;
        }

        Node<V> child(String level) {
            ConcurrentHashMap<String, Node<V>> map = children;
            return map == null ? null : map.get(level);
        }
    }

    /**
     * Stores the value under the topic name, replacing any there.
     *
     * @return the value replaced, or null
     */
    public V put(String topicName, V value) {
        checkName(topicName);
        Objects.requireNonNull(value, "value");
        writeLock.lock();
        try {
            Node<V> node = root;
            int n = topicName.length();
            int pos = 0;
            while (true) {
                int end = topicName.indexOf('/', pos);
                if (end < 0) {
                    end = n;
                }
                String level = topicName.substring(pos, end);
                Node<V> child = node.child(level);
                if (child == null) {
                    child = new Node<>(node, level, node.depth + 1);
                    ConcurrentHashMap<String, Node<V>> map = node.children;
                    if (map == null) {
                        map = new ConcurrentHashMap<>(4);
                        map.put(level, child);
                        node.children = map;
                    } else {
                        map.put(level, child);
                    }
                    nodeCount++;
                }
                node = child;
                if (end == n) {
                    break;
                }
                pos = end + 1;
            }
            Entry<V> previous = node.entry;
            node.entry = new Entry<>(topicName, value);
            if (previous == null) {
                size++;
                return null;
            }
            return previous.value();
        } finally {
            writeLock.unlock();
        }
    }

    /** Removes the value stored under the topic name; returns it, or null if there was none. */
    public V remove(String topicName) {
        checkName(topicName);
        writeLock.lock();
        try {
            Node<V> node = find(topicName);
            Entry<V> previous = node == null ? null : node.entry;
            if (previous == null) {
                return null;
            }
            node.entry = null;
            size--;
            while (node != root && node.entry == null && node.children == null) {
                Node<V> parent = node.parent;
                ConcurrentHashMap<String, Node<V>> siblings = parent.children;
                siblings.remove(node.level, node);
                if (siblings.isEmpty()) {
                    parent.children = null;
                }
                nodeCount--;
                node = parent;
            }
            return previous.value();
        } finally {
            writeLock.unlock();
        }
    }

    /** The value stored under the topic name, or null. Lock-free. */
    public V get(String topicName) {
        checkName(topicName);
        Node<V> node = find(topicName);
        Entry<V> entry = node == null ? null : node.entry;
        return entry == null ? null : entry.value();
    }

    /**
     * Calls the action with every stored topic name the filter matches and its value, in no set order. For
     * a shared filter the part after the share name is used; whether a shared subscription gets retained
     * messages at all is the broker's call. A filter that starts with a wildcard skips names that start with
     * '$' [MQTT-4.7.2-1], and '#' matches its parent level [MQTT-4.7.1-2].
     *
     * <p>Lock-free. Walks with an explicit stack, so no topic is too deep; allocates that stack and the
     * iterators over the children a wildcard visits.
     */
    public void match(TopicFilter filter, BiConsumer<String, V> action) {
        Objects.requireNonNull(action, "action");
        int levels = filter.levelCount();
        boolean multiLevel = filter.level(levels - 1).equals("#");
        ArrayDeque<Node<V>> stack = new ArrayDeque<>();
        stack.push(root);
        Node<V> node;
        while ((node = stack.poll()) != null) {
            int i = node.depth;
            if (i >= levels) {
                // the end of the filter, or a node below the level of its '#'
                emit(node, action);
                if (multiLevel) {
                    pushChildren(node, false, stack);
                }
                continue;
            }
            String level = filter.level(i);
            if (level.equals("#")) {
                emit(node, action); // [MQTT-4.7.1-2] the parent matches too; the root holds nothing
                pushChildren(node, i == 0, stack);
            } else if (level.equals("+")) {
                pushChildren(node, i == 0, stack);
            } else {
                Node<V> child = node.child(level);
                if (child != null) {
                    stack.push(child);
                }
            }
        }
    }

    /** Number of topic names with a value. */
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

    private static <V> void emit(Node<V> node, BiConsumer<String, V> action) {
        Entry<V> entry = node.entry;
        if (entry != null) {
            action.accept(entry.topic(), entry.value());
        }
    }

    /** Pushes every child; under the root of a filter that starts with a wildcard, not the '$' ones. */
    private static <V> void pushChildren(Node<V> node, boolean skipDollar, ArrayDeque<Node<V>> stack) {
        ConcurrentHashMap<String, Node<V>> map = node.children;
        if (map == null) {
            return;
        }
        for (Node<V> child : map.values()) {
            if (!skipDollar || !TopicName.isDollar(child.level)) { // [MQTT-4.7.2-1]
                stack.push(child);
            }
        }
    }

    private Node<V> find(String topicName) {
        Node<V> node = root;
        int n = topicName.length();
        int pos = 0;
        while (node != null && pos <= n) {
            int end = topicName.indexOf('/', pos);
            if (end < 0) {
                end = n;
            }
            node = node.child(topicName.substring(pos, end));
            pos = end + 1;
        }
        return node;
    }

    private static void checkName(String topicName) {
        if (topicName.isEmpty()) {
            throw new IllegalArgumentException("a topic name must be at least one character long [MQTT-4.7.3-1]");
        }
    }
}
