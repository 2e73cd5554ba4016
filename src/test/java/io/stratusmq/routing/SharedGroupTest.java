package io.stratusmq.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SharedGroupTest {

    private final SubscriptionTrie<String, Integer> trie = new SubscriptionTrie<>();
    private TopicFilter filter;

    @BeforeEach
    void setUp() throws InvalidTopicException {
        filter = TopicFilter.parse("$share/workers/jobs/+");
    }

    private SharedGroup<String, Integer> join(String... keys) {
        for (int i = 0; i < keys.length; i++) {
            trie.put(filter, keys[i], i);
        }
        return group();
    }

    private SharedGroup<String, Integer> group() {
        Recorder<String, Integer> seen = Recorder.match(trie, "jobs/1");
        assertThat(seen.groups).hasSize(1);
        return seen.groups.get(0);
    }

    private static Map<String, Integer> tally(SharedGroup<String, Integer> group, int picks,
            Predicate<String> eligible) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < picks; i++) {
            counts.merge(String.valueOf(group.pick(eligible)), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    @DisplayName("[MQTT-4.8.2] a group knows its share name, filter and members")
    void accessors() {
        SharedGroup<String, Integer> group = join("a", "b");
        assertThat(group.shareName()).isEqualTo("workers");
        assertThat(group.filter()).isEqualTo("jobs/+");
        assertThat(group.size()).isEqualTo(2);
        assertThat(group.get("b")).isEqualTo(1);
        assertThat(group.get("c")).isNull();
        Map<String, Integer> all = new LinkedHashMap<>();
        group.forEach(all::put);
        assertThat(all).containsExactly(Map.entry("a", 0), Map.entry("b", 1));
        assertThat(group).hasToString("$share/workers/jobs/+ (2 members)");
    }

    @Test
    @DisplayName("round robin: 3 members, 300 picks, 100 each, in turn")
    void roundRobin() {
        SharedGroup<String, Integer> group = join("a", "b", "c");
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(group.pick(k -> true));
        }
        assertThat(first).containsExactly("a", "b", "c", "a", "b", "c");
        assertThat(tally(group, 300, k -> true)).containsOnly(Map.entry("a", 100), Map.entry("b", 100),
                Map.entry("c", 100));
    }

    @Test
    @DisplayName("an ineligible member's turn is not handed to its neighbour: the eligible ones share evenly")
    void eligibility() {
        SharedGroup<String, Integer> group = join("a", "b", "c");
        assertThat(tally(group, 300, k -> !k.equals("b"))).containsOnly(Map.entry("a", 150), Map.entry("c", 150));
        assertThat(tally(group, 300, k -> !k.equals("a"))).containsOnly(Map.entry("b", 150), Map.entry("c", 150));
        assertThat(tally(group, 30, k -> k.equals("c"))).containsOnly(Map.entry("c", 30));
        assertThat(group.pick(k -> false)).isNull();
    }

    @Test
    @DisplayName("members that leave are skipped and the rest still share evenly; an empty group picks null")
    void membersLeave() {
        SharedGroup<String, Integer> group = join("a", "b", "c", "d");
        trie.remove(filter, "b");
        assertThat(group.size()).isEqualTo(3);
        assertThat(tally(group, 300, k -> true)).containsOnly(Map.entry("a", 100), Map.entry("c", 100),
                Map.entry("d", 100));
        trie.remove(filter, "a");
        trie.remove(filter, "c");
        trie.remove(filter, "d");
        assertThat(group.pick(k -> true)).isNull();
        assertThat(group.pickEntry(k -> true)).isNull();
    }

    @Test
    @DisplayName("a member that joins takes its turn in the rotation")
    void memberJoins() {
        SharedGroup<String, Integer> group = join("a", "b");
        tally(group, 5, k -> true);
        trie.put(filter, "c", 9);
        assertThat(tally(group, 300, k -> true)).containsOnly(Map.entry("a", 100), Map.entry("b", 100),
                Map.entry("c", 100));
    }

    @Test
    @DisplayName("pickEntry hands out the chosen member's value with its key")
    void pickEntry() {
        SharedGroup<String, Integer> group = join("a", "b");
        Map.Entry<String, Integer> chosen = group.pickEntry(k -> k.equals("b"));
        assertThat(chosen.getKey()).isEqualTo("b");
        assertThat(chosen.getValue()).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    @DisplayName("concurrent picks by 4 threads still spread exactly evenly when all are eligible")
    void concurrentPicks() throws InterruptedException {
        SharedGroup<String, Integer> group = join("a", "b", "c");
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        Set<Throwable> failures = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 30_000; i++) {
                        counts.computeIfAbsent(group.pick(k -> true), k -> new AtomicInteger()).incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        assertThat(counts).hasSize(3);
        assertThat(counts.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(40_000));
    }
}
