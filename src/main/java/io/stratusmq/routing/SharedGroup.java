package io.stratusmq.routing;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The members of one shared subscription, "$share/{shareName}/{filter}" [MQTT-4.8.2]: a message that matches
 * the filter goes to one of them, which {@link #pick} chooses in turn. The trie hands a group to its
 * {@link SubscriptionTrie.Visitor}; membership changes only through {@link SubscriptionTrie#put} and
 * {@link SubscriptionTrie#remove}. When its last member leaves, the group is dropped from the trie and stays
 * empty; a member that joins later starts a new group.
 *
 * <p>Threading: every public method is lock-free and may be called from any thread, concurrently with the
 * trie's writers; a read concurrent with a change sees the membership either before or after it.
 */
public final class SharedGroup<K, V> {

    private final String shareName;
    private final String filter;
    final Members<K, V> members = new Members<>();
    /** Ticket of the next pick; a pick that skips members moves it past the one it chose. */
    private final AtomicLong cursor = new AtomicLong();

    SharedGroup(String shareName, String filter) {
        this.shareName = shareName;
        this.filter = filter;
    }

    /** "g" for "$share/g/a/+". */
    public String shareName() {
        return shareName;
    }

    /** "a/+" for "$share/g/a/+". */
    public String filter() {
        return filter;
    }

    public int size() {
        return members.size();
    }

    /**
     * Chooses the next member, in turn, for which {@code eligible} holds (connected, say, or with room in
     * its in-flight window); null when none does. Members are taken in the order they joined, and a member
     * skipped as ineligible does not hand its turn to its neighbour, so the load spreads evenly among the
     * eligible ones. Allocates nothing.
     */
    public K pick(Predicate<? super K> eligible) {
        Map.Entry<K, V> chosen = pickEntry(eligible);
        return chosen == null ? null : chosen.getKey();
    }

    /**
     * {@link #pick}, returning the member's value with its key: no second lookup, and no chance that the
     * member leaves between the two. The entry is read-only and allocated by nobody.
     */
    public Map.Entry<K, V> pickEntry(Predicate<? super K> eligible) {
        Objects.requireNonNull(eligible, "eligible");
        Members.Snapshot<K, V> s = members.snapshot();
        int end = s.end;
        if (s.live == 0) {
            return null;
        }
        long ticket = cursor.getAndIncrement();
        int start = Math.floorMod(ticket, end);
        Members.Entry<K, V>[] slots = s.slots;
        for (int k = 0; k < end; k++) {
            int i = start + k;
            if (i >= end) {
                i -= end;
            }
            Members.Entry<K, V> e = slots[i];
            if (e != null && eligible.test(e.key)) {
                if (k > 0) {
                    // Start the next pick after this member, not at the one after the first skipped.
                    // Losing the race to a concurrent pick only costs evenness for a turn.
                    cursor.compareAndSet(ticket + 1, ticket + 1 + k);
                }
                return e;
            }
        }
        return null;
    }

    /** The value this member subscribed with, or null if it is not a member. */
    public V get(K key) {
        return members.get(key);
    }

    /** Calls the action once per member, in the order they joined. */
    public void forEach(BiConsumer<? super K, ? super V> action) {
        members.forEach(action);
    }

    @Override
    public String toString() {
        return "$share/" + shareName + "/" + filter + " (" + size() + " members)";
    }
}
