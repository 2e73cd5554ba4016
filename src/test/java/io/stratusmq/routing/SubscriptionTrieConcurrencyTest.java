package io.stratusmq.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Matchers run without pause while writers subscribe and unsubscribe around a set of subscriptions nobody
 * touches. Every match must find all of those, nothing that does not match, and nothing twice; when the
 * writers finish, the trie must hold exactly what they left.
 */
class SubscriptionTrieConcurrencyTest {

    /** The value records the filter, so a reader can check what it was given. */
    record Sub(TopicFilter filter, int version) {
    }

    private static final int WRITERS = 2;
    private static final int READERS = 3;
    private static final int OPS_PER_WRITER = 40_000;

    private final SubscriptionTrie<String, Sub> trie = new SubscriptionTrie<>();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

    @Test
    @Timeout(120)
    @DisplayName("concurrent match during subscribe/unsubscribe: no exception, nothing lost, nothing extra")
    void matchWhileWriting() throws InterruptedException {
        List<TopicFilter> pool = SubscriptionTrieTest.randomFilters(new Random(3), 400);
        List<String> topics = new ArrayList<>();
        Random topicRandom = new Random(4);
        for (int i = 0; i < 500; i++) {
            topics.add(SubscriptionTrieTest.randomTopic(topicRandom));
        }

        // Stable subscriptions share every path with the churning ones, so pruning happens around them.
        Map<TopicFilter, Sub> stable = new HashMap<>();
        for (int i = 0; i < pool.size(); i += 4) {
            TopicFilter filter = pool.get(i);
            stable.put(filter, new Sub(filter, -1));
            trie.put(filter, "stable", stable.get(filter));
        }
        Map<String, Set<TopicFilter>> stableByTopic = new HashMap<>();
        for (String topic : topics) {
            Set<TopicFilter> expected = new HashSet<>();
            for (TopicFilter filter : stable.keySet()) {
                if (filter.matches(topic)) {
                    expected.add(filter);
                }
            }
            stableByTopic.put(topic, expected);
        }

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong matches = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Map<TopicFilter, Sub>> leftBy = new ArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            // each writer owns one key, so its final state is known exactly
            String key = "w" + w;
            Random random = new Random(100 + w);
            Map<TopicFilter, Sub> left = new HashMap<>();
            leftBy.add(left);
            writers.add(thread(start, () -> write(key, pool, random, left)));
        }
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            Random random = new Random(200 + r);
            readers.add(thread(start, () -> {
                while (writing.get()) {
                    String topic = topics.get(random.nextInt(topics.size()));
                    check(topic, stableByTopic.get(topic));
                    matches.incrementAndGet();
                }
            }));
        }
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        writing.set(false);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failures).isEmpty();
        assertThat(matches.get()).isPositive();

        // Exactly what was left: stable plus each writer's last state, no more, no less.
        int expectedSize = stable.size();
        for (Map<TopicFilter, Sub> left : leftBy) {
            expectedSize += left.size();
        }
        assertThat(trie.size()).isEqualTo(expectedSize);
        for (String topic : topics) {
            Set<String> expected = new HashSet<>();
            for (TopicFilter filter : stableByTopic.get(topic)) {
                expected.add(describe("stable", stable.get(filter)));
            }
            for (int w = 0; w < WRITERS; w++) {
                for (Map.Entry<TopicFilter, Sub> e : leftBy.get(w).entrySet()) {
                    if (e.getKey().matches(topic)) {
                        expected.add(describe("w" + w, e.getValue()));
                    }
                }
            }
            assertThat(visible(topic)).as(topic).containsExactlyInAnyOrderElementsOf(expected);
        }
        for (int w = 0; w < WRITERS; w++) {
            for (Map.Entry<TopicFilter, Sub> e : leftBy.get(w).entrySet()) {
                assertThat(trie.get(e.getKey(), "w" + w)).isEqualTo(e.getValue());
            }
        }

        // And everything can still be removed down to an empty trie.
        for (TopicFilter filter : stable.keySet()) {
            trie.remove(filter, "stable");
        }
        for (int w = 0; w < WRITERS; w++) {
            for (TopicFilter filter : leftBy.get(w).keySet()) {
                trie.remove(filter, "w" + w);
            }
        }
        assertThat(trie.size()).isZero();
        assertThat(trie.nodeCount()).isZero();
    }

    private void write(String key, List<TopicFilter> pool, Random random, Map<TopicFilter, Sub> left) {
        for (int op = 0; op < OPS_PER_WRITER; op++) {
            TopicFilter filter = pool.get(random.nextInt(pool.size()));
            if (random.nextBoolean()) {
                Sub sub = new Sub(filter, op);
                assertThat(trie.put(filter, key, sub)).isEqualTo(left.put(filter, sub));
            } else {
                assertThat(trie.remove(filter, key)).isEqualTo(left.remove(filter));
            }
        }
    }

    /** One match: every stable filter that matches is there, every visit matches, no (key, filter) twice. */
    private void check(String topic, Set<TopicFilter> stableExpected) {
        Set<TopicFilter> stableSeen = new HashSet<>();
        Set<String> seen = new HashSet<>();
        trie.match(topic, new SubscriptionTrie.Visitor<>() {
            @Override
            public void subscriber(String key, Sub value) {
                if (!value.filter().matches(topic) || value.filter().isShared()) {
                    failures.add(new AssertionError(value.filter() + " visited for " + topic));
                }
                if (!seen.add(key + " " + value.filter())) {
                    failures.add(new AssertionError(key + " twice through " + value.filter() + " for " + topic));
                }
                if (key.equals("stable")) {
                    stableSeen.add(value.filter());
                }
            }

            @Override
            public void sharedGroup(SharedGroup<String, Sub> group) {
                TopicFilter shared = parse("$share/" + group.shareName() + "/" + group.filter());
                if (!shared.matches(topic)) {
                    failures.add(new AssertionError(shared + " group visited for " + topic));
                }
                if (!seen.add(shared.text())) {
                    failures.add(new AssertionError(shared + " group twice for " + topic));
                }
                if (group.get("stable") != null) {
                    stableSeen.add(shared);
                }
            }
        });
        if (!stableSeen.equals(stableExpected)) {
            failures.add(new AssertionError("stable subscriptions for " + topic + ": saw " + stableSeen
                    + ", expected " + stableExpected));
        }
    }

    private Set<String> visible(String topic) {
        Set<String> all = new HashSet<>();
        trie.match(topic, new SubscriptionTrie.Visitor<>() {
            @Override
            public void subscriber(String key, Sub value) {
                all.add(describe(key, value));
            }

            @Override
            public void sharedGroup(SharedGroup<String, Sub> group) {
                group.forEach((key, value) -> all.add(describe(key, value)));
            }
        });
        return all;
    }

    private static String describe(String key, Sub sub) {
        return key + " " + sub.filter() + " v" + sub.version();
    }

    private static TopicFilter parse(String text) {
        try {
            return TopicFilter.parse(text);
        } catch (InvalidTopicException e) {
            throw new AssertionError(e);
        }
    }

    private Thread thread(CountDownLatch start, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                start.await();
                body.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        thread.start();
        return thread;
    }
}
