package io.stratusmq.routing;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One level of a {@link SubscriptionTrie}: the subscribers and shared groups of the filter that ends here,
 * and the children one level down. The '+' and '#' children have fields of their own, so matching never
 * looks them up by name, and a node without exact children has no map at all.
 *
 * <p>Threading: fields are read without locks by matchers; every write happens under the trie's write lock,
 * and each publishes a fully built object through a volatile field.
 */
final class TrieNode<K, V> {

    private static final SharedGroup<?, ?>[] NO_GROUPS = new SharedGroup<?, ?>[0];
    static final int FEW = 8;

    /** Null for the root. A node never moves, so the chain of parents is the path it was reached by. */
    final TrieNode<K, V> parent;
    /** The filter level this node stands for; "" for the root. */
    final String level;
    final boolean plusLevel;

    volatile ConcurrentHashMap<String, TrieNode<K, V>> exact;
    /**
     * The exact children again, as an array, while there are at most {@link #FEW} of them (null otherwise): a
     * topic level is then found by comparing it in place, without cutting it out of the topic name.
     */
    volatile TrieNode<K, V>[] few;
    volatile TrieNode<K, V> plus;
    volatile TrieNode<K, V> hash;
    /** Non-shared subscribers of this node's filter; null when there are none. */
    volatile Members<K, V> subscribers;
    /** Copy-on-write: a filter rarely has more than a few share names. */
    volatile SharedGroup<K, V>[] groups = noGroups();

    TrieNode(TrieNode<K, V> parent, String level) {
        this.parent = parent;
        this.level = level;
        this.plusLevel = level.equals("+");
    }

    /** The child for a filter level, or null. */
    TrieNode<K, V> child(String filterLevel) {
        if (filterLevel.equals("+")) {
            return plus;
        }
        if (filterLevel.equals("#")) {
            return hash;
        }
        ConcurrentHashMap<String, TrieNode<K, V>> map = exact;
        return map == null ? null : map.get(filterLevel);
    }

    SharedGroup<K, V> group(String shareName) {
        for (SharedGroup<K, V> g : groups) {
            if (g.shareName().equals(shareName)) {
                return g;
            }
        }
        return null;
    }

    /** Visits this node's subscribers and shared groups. */
    void visit(SubscriptionTrie.Visitor<K, V> visitor) {
        Members<K, V> m = subscribers;
        if (m != null) {
            m.visit(visitor);
        }
        SharedGroup<K, V>[] g = groups;
        for (int i = 0; i < g.length; i++) {
            visitor.sharedGroup(g[i]);
        }
    }

    /** True when nothing is subscribed here and nothing hangs below. Writer only. */
    boolean isEmpty() {
        return subscribers == null && groups.length == 0 && exact == null && plus == null && hash == null;
    }

    /** Creates and links a child for a level this node does not have yet. Writer only. */
    TrieNode<K, V> addChild(String filterLevel) {
        TrieNode<K, V> child = new TrieNode<>(this, filterLevel);
        if (filterLevel.equals("+")) {
            plus = child;
        } else if (filterLevel.equals("#")) {
            hash = child;
        } else {
            ConcurrentHashMap<String, TrieNode<K, V>> map = exact;
            if (map == null) {
                map = new ConcurrentHashMap<>(4);
                map.put(filterLevel, child);
                exact = map;
            } else {
                map.put(filterLevel, child);
            }
            few = fewOf(map);
        }
        return child;
    }

    @SuppressWarnings("unchecked")
    private static <K, V> TrieNode<K, V>[] fewOf(ConcurrentHashMap<String, TrieNode<K, V>> map) {
        return map == null || map.size() > FEW ? null : map.values().toArray(new TrieNode[0]);
    }

    /** The exact child for the topic level {@code topic[from, to)}, or null; lock-free. */
    TrieNode<K, V> exactChild(String topic, int from, int to) {
        TrieNode<K, V>[] array = few;
        if (array != null) {
            int length = to - from;
            for (TrieNode<K, V> c : array) {
                if (c.level.length() == length && topic.regionMatches(from, c.level, 0, length)) {
                    return c;
                }
            }
            return null;
        }
        ConcurrentHashMap<String, TrieNode<K, V>> map = exact;
        return map == null ? null : map.get(topic.substring(from, to));
    }

    /** Unlinks an empty child. Writer only. */
    void removeChild(TrieNode<K, V> child) {
        if (child == plus) {
            plus = null;
        } else if (child == hash) {
            hash = null;
        } else {
            ConcurrentHashMap<String, TrieNode<K, V>> map = exact;
            map.remove(child.level, child);
            if (map.isEmpty()) {
                exact = null;
                few = null;
            } else {
                few = fewOf(map);
            }
        }
    }

    /** Publishes a group that already holds its first member. Writer only. */
    void addGroup(SharedGroup<K, V> group) {
        SharedGroup<K, V>[] current = groups;
        SharedGroup<K, V>[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = group;
        groups = next;
    }

    /** Unpublishes a group whose last member left. Writer only. */
    void removeGroup(SharedGroup<K, V> group) {
        SharedGroup<K, V>[] current = groups;
        if (current.length == 1) {
            groups = noGroups();
            return;
        }
        SharedGroup<K, V>[] next = newGroups(current.length - 1);
        int j = 0;
        for (SharedGroup<K, V> g : current) {
            if (g != group) {
                next[j++] = g;
            }
        }
        groups = next;
    }

    @SuppressWarnings("unchecked")
    private static <K, V> SharedGroup<K, V>[] noGroups() {
        return (SharedGroup<K, V>[]) NO_GROUPS;
    }

    @SuppressWarnings("unchecked")
    private static <K, V> SharedGroup<K, V>[] newGroups(int length) {
        return (SharedGroup<K, V>[]) new SharedGroup<?, ?>[length];
    }
}
