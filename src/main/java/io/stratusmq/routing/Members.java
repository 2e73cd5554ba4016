package io.stratusmq.routing;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The subscribers at one trie node, or the members of one shared group: key to value, read without locks and
 * cheap to iterate, with O(1) writes even for a filter that 100,000 clients share.
 *
 * <p>Entries sit in an array in the order they were added; a removed entry leaves a null hole. A reader takes
 * the current {@link Snapshot} once and scans slots {@code [0, end)}, skipping holes: no iterator, no
 * allocation. A writer appends by filling slot {@code end} and publishing a new snapshot, removes by nulling
 * the slot, and replaces a value by writing a new entry into the same slot. A reader on an older snapshot may
 * see a removal or replacement made after it started, which is fine for a change concurrent with it, but it
 * never sees a key twice: a key that is added goes beyond the end of every earlier snapshot of the array. When
 * the array is full, or three quarters holes, the live entries are copied, in order, into a fresh one.
 *
 * <p>An entry's key and value are final, so a reader that meets an entry through a racy slot read sees it
 * whole (JLS 17.5). Keys are found by a scan while there are few; above {@link #INDEX_THRESHOLD} live entries
 * a {@link ConcurrentHashMap} index is kept as well.
 *
 * <p>Threading: read methods are lock-free and safe from any thread. Writes ({@link #put}, {@link #remove})
 * must be serialized by the owner; {@link SubscriptionTrie} holds its write lock.
 */
final class Members<K, V> {

    /** Live entries above which key lookups go through a hash index rather than a scan. */
    static final int INDEX_THRESHOLD = 8;
    private static final int MIN_CAPACITY = 4;
    private static final Snapshot<?, ?> EMPTY = new Snapshot<>(newArray(0), 0, 0);

    private volatile Snapshot<K, V> snapshot = empty();
    /** Non-null only while there are more than {@code INDEX_THRESHOLD / 2} live entries. */
    private volatile ConcurrentHashMap<K, Entry<K, V>> index;

    /** One member. Immutable for readers; {@link #slot} is the writer's bookkeeping. */
    static final class Entry<K, V> implements Map.Entry<K, V> {
        final K key;
        final V value;
        /** Where the entry sits in the current array; read and written under the owner's lock only. */
        int slot;

        Entry(K key, V value, int slot) {
            this.key = key;
            this.value = value;
            this.slot = slot;
        }

        @Override
        public K getKey() {
            return key;
        }

        @Override
        public V getValue() {
            return value;
        }

        @Override
        public V setValue(V value) {
            throw new UnsupportedOperationException("membership entries are read-only");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> other && key.equals(other.getKey())
                    && value.equals(other.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ value.hashCode();
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    /** What a reader scans: {@code slots[0, end)}, of which {@code live} are non-null. */
    static final class Snapshot<K, V> {
        final Entry<K, V>[] slots;
        final int end;
        final int live;

        Snapshot(Entry<K, V>[] slots, int end, int live) {
            this.slots = slots;
            this.end = end;
            this.live = live;
        }
    }

    Snapshot<K, V> snapshot() {
        return snapshot;
    }

    int size() {
        return snapshot.live;
    }

    V get(Object key) {
        Entry<K, V> e = find(key);
        return e == null ? null : e.value;
    }

    void forEach(BiConsumer<? super K, ? super V> action) {
        Snapshot<K, V> s = snapshot;
        Entry<K, V>[] slots = s.slots;
        for (int i = 0; i < s.end; i++) {
            Entry<K, V> e = slots[i];
            if (e != null) {
                action.accept(e.key, e.value);
            }
        }
    }

    void visit(SubscriptionTrie.Visitor<K, V> visitor) {
        Snapshot<K, V> s = snapshot;
        Entry<K, V>[] slots = s.slots;
        for (int i = 0; i < s.end; i++) {
            Entry<K, V> e = slots[i];
            if (e != null) {
                visitor.subscriber(e.key, e.value);
            }
        }
    }

    /** Adds or replaces; returns the previous value or null. Caller holds the owner's write lock. */
    V put(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Snapshot<K, V> s = snapshot;
        ConcurrentHashMap<K, Entry<K, V>> idx = index;
        Entry<K, V> old = find(key);
        if (old != null) {
            Entry<K, V> replacement = new Entry<>(key, value, old.slot);
            s.slots[old.slot] = replacement;
            if (idx != null) {
                idx.put(key, replacement);
            }
            return old.value;
        }
        Entry<K, V>[] slots = s.slots;
        int end = s.end;
        if (end == slots.length) {
            slots = compact(s, Math.max(MIN_CAPACITY, s.live * 2));
            end = s.live;
        }
        Entry<K, V> added = new Entry<>(key, value, end);
        slots[end] = added;
        Snapshot<K, V> next = new Snapshot<>(slots, end + 1, s.live + 1);
        if (idx != null) {
            idx.put(key, added);
        } else if (next.live > INDEX_THRESHOLD) {
            index = buildIndex(next);
        }
        snapshot = next;
        return null;
    }

    /** Removes; returns the value removed or null. Caller holds the owner's write lock. */
    V remove(Object key) {
        Entry<K, V> e = find(key);
        if (e == null) {
            return null;
        }
        Snapshot<K, V> s = snapshot;
        int live = s.live - 1;
        ConcurrentHashMap<K, Entry<K, V>> idx = index;
        if (idx != null) {
            idx.remove(key);
            if (live <= INDEX_THRESHOLD / 2) {
                index = null;
            }
        }
        s.slots[e.slot] = null;
        if (live == 0) {
            snapshot = empty();
        } else if (s.slots.length > MIN_CAPACITY && live * 4 <= s.slots.length) {
            snapshot = new Snapshot<>(compact(s, Math.max(MIN_CAPACITY, live * 2)), live, live);
        } else {
            snapshot = new Snapshot<>(s.slots, s.end, live);
        }
        return e.value;
    }

    /** Array length, for tests of the compaction policy. */
    int capacity() {
        return snapshot.slots.length;
    }

    boolean indexed() {
        return index != null;
    }

    private Entry<K, V> find(Object key) {
        ConcurrentHashMap<K, Entry<K, V>> idx = index;
        if (idx != null) {
            return idx.get(key);
        }
        Snapshot<K, V> s = snapshot;
        Entry<K, V>[] slots = s.slots;
        for (int i = 0; i < s.end; i++) {
            Entry<K, V> e = slots[i];
            if (e != null && e.key.equals(key)) {
                return e;
            }
        }
        return null;
    }

    /** Copies the live entries, in order, to the front of a new array; renumbers their slots. */
    private static <K, V> Entry<K, V>[] compact(Snapshot<K, V> s, int capacity) {
        Entry<K, V>[] fresh = newArray(capacity);
        int j = 0;
        for (int i = 0; i < s.end; i++) {
            Entry<K, V> e = s.slots[i];
            if (e != null) {
                e.slot = j;
                fresh[j++] = e;
            }
        }
        return fresh;
    }

    private static <K, V> ConcurrentHashMap<K, Entry<K, V>> buildIndex(Snapshot<K, V> s) {
        ConcurrentHashMap<K, Entry<K, V>> idx = new ConcurrentHashMap<>(s.live * 2);
        for (int i = 0; i < s.end; i++) {
            Entry<K, V> e = s.slots[i];
            if (e != null) {
                idx.put(e.key, e);
            }
        }
        return idx;
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Snapshot<K, V> empty() {
        return (Snapshot<K, V>) EMPTY;
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Entry<K, V>[] newArray(int length) {
        return (Entry<K, V>[]) new Entry<?, ?>[length];
    }
}
