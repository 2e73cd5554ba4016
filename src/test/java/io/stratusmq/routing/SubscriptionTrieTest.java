package io.stratusmq.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SubscriptionTrieTest {

    private final SubscriptionTrie<String, Integer> trie = new SubscriptionTrie<>();

    private static TopicFilter f(String text) {
        try {
            return TopicFilter.parse(text);
        } catch (InvalidTopicException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("put adds, put again replaces and returns the previous value [MQTT-3.8.4-3], remove returns it")
    void putReplaceRemove() {
        assertThat(trie.isEmpty()).isTrue();
        assertThat(trie.put(f("a/b"), "c1", 0)).isNull();
        assertThat(trie.put(f("a/b"), "c2", 1)).isNull();
        assertThat(trie.size()).isEqualTo(2);

        assertThat(trie.put(f("a/b"), "c1", 2)).isEqualTo(0);
        assertThat(trie.size()).isEqualTo(2);
        assertThat(trie.get(f("a/b"), "c1")).isEqualTo(2);
        assertThat(Recorder.match(trie, "a/b").subscribers).containsExactly(Map.entry("c1", 2), Map.entry("c2", 1));

        assertThat(trie.remove(f("a/b"), "c1")).isEqualTo(2);
        assertThat(trie.remove(f("a/b"), "c1")).isNull();
        assertThat(trie.get(f("a/b"), "c1")).isNull();
        assertThat(trie.size()).isEqualTo(1);
        assertThat(Recorder.match(trie, "a/b").keys()).containsExactly("c2");
    }

    @Test
    @DisplayName("exact levels match whole and case included, with few siblings (compared in place) and with many"
            + " (looked up by name), also as siblings come and go across that line [MQTT-4.7.3-4]")
    void exactLevelsWithFewAndManySiblings() {
        for (int n = 1; n <= 20; n++) {
            trie.put(f("s/level" + n + "/x"), "c" + n, n);
            for (int i = 1; i <= n; i++) {
                assertThat(Recorder.match(trie, "s/level" + i + "/x").values()).as("%d siblings, level%d", n, i)
                        .containsExactly(i);
            }
            assertThat(Recorder.match(trie, "s/level" + (n + 1) + "/x").values()).isEmpty();
            assertThat(Recorder.match(trie, "s/Level1/x").values()).isEmpty(); // case matters
            assertThat(Recorder.match(trie, "s/level/x").values()).isEmpty(); // a prefix is not the level
            assertThat(Recorder.match(trie, "s/level1x/x").values()).isEmpty(); // nor a longer level
        }
        for (int n = 20; n >= 1; n--) {
            trie.remove(f("s/level" + n + "/x"), "c" + n);
            assertThat(Recorder.match(trie, "s/level" + n + "/x").values()).isEmpty();
            for (int i = 1; i < n; i++) {
                assertThat(Recorder.match(trie, "s/level" + i + "/x").values()).containsExactly(i);
            }
        }
        assertThat(trie.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("one key on several filters is one entry per filter, visited once per matching filter [MQTT-3.3.4-2]")
    void overlappingFilters() {
        trie.put(f("a/+"), "c", 1);
        trie.put(f("a/#"), "c", 2);
        trie.put(f("a/b"), "c", 3);
        trie.put(f("+/b"), "c", 4);
        trie.put(f("#"), "c", 5);
        assertThat(trie.size()).isEqualTo(5);
        assertThat(Recorder.match(trie, "a/b").values()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(Recorder.match(trie, "a").values()).containsExactlyInAnyOrder(2, 5);
        assertThat(Recorder.match(trie, "$SYS/b").values()).isEmpty();
    }

    @Test
    @DisplayName("removing from a filter, or a key, that is not there changes nothing")
    void removeAbsent() {
        trie.put(f("a/b"), "c", 1);
        assertThat(trie.remove(f("a/b/c"), "c")).isNull();
        assertThat(trie.remove(f("a"), "c")).isNull();
        assertThat(trie.remove(f("a/+"), "c")).isNull();
        assertThat(trie.remove(f("a/b"), "other")).isNull();
        assertThat(trie.remove(f("$share/g/a/b"), "c")).isNull();
        assertThat(trie.size()).isEqualTo(1);
        assertThat(trie.nodeCount()).isEqualTo(2);
        assertThat(trie.get(f("a/b"), "c")).isEqualTo(1);
    }

    @Test
    @DisplayName("a trailing '/' makes a different filter: \"a/\" and \"a\" are separate entries")
    void trailingSlashIsDistinct() {
        trie.put(f("a"), "c", 1);
        trie.put(f("a/"), "c", 2);
        assertThat(trie.size()).isEqualTo(2);
        assertThat(Recorder.match(trie, "a").values()).containsExactly(1);
        assertThat(Recorder.match(trie, "a/").values()).containsExactly(2);
        trie.remove(f("a"), "c");
        assertThat(trie.get(f("a/"), "c")).isEqualTo(2);
        assertThat(trie.nodeCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("[MQTT-4.8.2] members of one share group are one visit; other share names are other groups")
    void sharedGroups() {
        trie.put(f("$share/g/a/+"), "m1", 1);
        trie.put(f("$share/g/a/+"), "m2", 1);
        trie.put(f("$share/g/a/+"), "m3", 1);
        trie.put(f("$share/h/a/+"), "m1", 2);
        trie.put(f("a/+"), "m1", 0);
        assertThat(trie.size()).isEqualTo(5);
        assertThat(trie.put(f("$share/g/a/+"), "m2", 7)).isEqualTo(1);
        assertThat(trie.get(f("$share/g/a/+"), "m2")).isEqualTo(7);
        assertThat(trie.get(f("$share/h/a/+"), "m2")).isNull();
        assertThat(trie.get(f("a/+"), "m2")).isNull();

        Recorder<String, Integer> seen = Recorder.match(trie, "a/x");
        assertThat(seen.subscribers).containsExactly(Map.entry("m1", 0));
        assertThat(seen.groupNames()).containsExactly("$share/g/a/+", "$share/h/a/+");
        SharedGroup<String, Integer> g = seen.groups.get(0);
        assertThat(g.size()).isEqualTo(3);
        assertThat(g.get("m2")).isEqualTo(7);

        trie.remove(f("$share/g/a/+"), "m1");
        trie.remove(f("$share/g/a/+"), "m2");
        trie.remove(f("$share/g/a/+"), "m3");
        assertThat(g.size()).isZero();
        assertThat(g.pick(k -> true)).isNull();
        assertThat(Recorder.match(trie, "a/x").groupNames()).containsExactly("$share/h/a/+");

        trie.put(f("$share/g/a/+"), "m4", 1);
        SharedGroup<String, Integer> again = Recorder.match(trie, "a/x").groups.get(1);
        assertThat(again).isNotSameAs(g);
        assertThat(again.pick(k -> true)).isEqualTo("m4");
    }

    @Test
    @DisplayName("removal prunes every node left empty, and only those")
    void pruning() {
        trie.put(f("a/b/c"), "k", 1);
        assertThat(trie.nodeCount()).isEqualTo(3);
        trie.put(f("a/b"), "k", 1);
        assertThat(trie.nodeCount()).isEqualTo(3);
        trie.put(f("a/+/c"), "k", 1);
        trie.put(f("a/#"), "k", 1);
        trie.put(f("$share/g/a/b/c/d"), "k", 1);
        assertThat(trie.nodeCount()).isEqualTo(7); // a, b, c, +, +/c, #, d

        trie.remove(f("a/b/c"), "k");
        assertThat(trie.nodeCount()).isEqualTo(7); // c still leads to d
        trie.remove(f("$share/g/a/b/c/d"), "k");
        assertThat(trie.nodeCount()).isEqualTo(5); // d and c go, b holds a subscriber
        trie.remove(f("a/b"), "k");
        assertThat(trie.nodeCount()).isEqualTo(4);
        trie.remove(f("a/+/c"), "k");
        assertThat(trie.nodeCount()).isEqualTo(2);
        trie.remove(f("a/#"), "k");
        assertThat(trie.nodeCount()).isZero();
        assertThat(trie.size()).isZero();
        assertThat(trie.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("after many filters are added and all removed, size and node count are back to 0")
    void pruningAtScale() {
        List<TopicFilter> filters = randomFilters(new Random(7), 2_000);
        for (int i = 0; i < filters.size(); i++) {
            trie.put(filters.get(i), "k" + (i % 5), i);
        }
        assertThat(trie.nodeCount()).isPositive();
        for (int i = filters.size() - 1; i >= 0; i--) {
            trie.remove(filters.get(i), "k" + (i % 5));
        }
        assertThat(trie.size()).isZero();
        assertThat(trie.nodeCount()).isZero();
        assertThat(Recorder.match(trie, "a/b").subscribers).isEmpty();
    }

    @Test
    @DisplayName("a filter's subscribers may grow to thousands and shrink again, each visited exactly once")
    void manySubscribersOnOneFilter() {
        for (int i = 0; i < 5_000; i++) {
            trie.put(f("broadcast/#"), "c" + i, i);
        }
        for (int i = 0; i < 5_000; i += 2) {
            assertThat(trie.remove(f("broadcast/#"), "c" + i)).isEqualTo(i);
        }
        assertThat(trie.size()).isEqualTo(2_500);
        assertThat(trie.get(f("broadcast/#"), "c7")).isEqualTo(7);
        assertThat(trie.get(f("broadcast/#"), "c8")).isNull();
        List<String> keys = Recorder.match(trie, "broadcast/x").keys();
        assertThat(keys).hasSize(2_500).doesNotHaveDuplicates()
                .allMatch(k -> Integer.parseInt(k.substring(1)) % 2 == 1);
    }

    @Test
    @DisplayName("[MQTT-4.7.1-2] '#' is visited for its parent level, and '$' topics skip top-level wildcards")
    void hashAndDollar() {
        trie.put(f("#"), "all", 1);
        trie.put(f("+/monitor"), "plus", 1);
        trie.put(f("$SYS/#"), "sys", 1);
        trie.put(f("$SYS/+"), "sysplus", 1);
        trie.put(f("$share/g/#"), "member", 1);
        assertThat(Recorder.match(trie, "$SYS/monitor").keys()).containsExactlyInAnyOrder("sys", "sysplus");
        assertThat(Recorder.match(trie, "$SYS/monitor").groups).isEmpty();
        assertThat(Recorder.match(trie, "$SYS").keys()).containsExactly("sys");
        assertThat(Recorder.match(trie, "x/monitor").keys()).containsExactlyInAnyOrder("all", "plus");
        assertThat(Recorder.match(trie, "x/monitor").groups).hasSize(1);
    }

    @Test
    @DisplayName("matching walks without recursion: a 10,000-level filter does not overflow the stack")
    void deepFilter() {
        String deep = "+/".repeat(9_999) + "x";
        String topic = "a/".repeat(9_999) + "x";
        trie.put(f(deep), "deep", 1);
        trie.put(f("a/".repeat(9_999) + "#"), "hash", 1);
        assertThat(Recorder.match(trie, topic).keys()).containsExactlyInAnyOrder("deep", "hash");
        assertThat(Recorder.match(trie, topic + "/y").keys()).containsExactly("hash");
        trie.remove(f(deep), "deep");
        trie.remove(f("a/".repeat(9_999) + "#"), "hash");
        assertThat(trie.nodeCount()).isZero();
    }

    @Test
    @DisplayName("the trie finds exactly the filters that TopicFilter.matches accepts, over random filters")
    void agreesWithTopicFilterMatches() {
        Random random = new Random(42);
        List<TopicFilter> filters = randomFilters(random, 3_000);
        for (int i = 0; i < filters.size(); i++) {
            trie.put(filters.get(i), "k" + i, i);
        }
        for (int t = 0; t < 3_000; t++) {
            String topic = randomTopic(random);
            Set<Integer> expected = new HashSet<>();
            Set<String> expectedGroups = new HashSet<>();
            for (int i = 0; i < filters.size(); i++) {
                TopicFilter filter = filters.get(i);
                if (filter.matches(topic)) {
                    if (filter.isShared()) {
                        expectedGroups.add(filter.text());
                    } else {
                        expected.add(i);
                    }
                }
            }
            Recorder<String, Integer> seen = Recorder.match(trie, topic);
            assertThat(seen.values()).as(topic).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            assertThat(seen.groupNames()).as(topic).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expectedGroups);
        }
    }

    @Test
    @DisplayName("sanity: 100,000 matches against 10,000 filters visit exactly the expected subscribers")
    void tenThousandFiltersHundredThousandMatches() {
        // 9,900 exact filters site/s{0..98}/dev/d{0..99}, 50 of site/s{0..49}/#, 50 of site/+/dev/d{0..49}
        for (int s = 0; s < 99; s++) {
            for (int d = 0; d < 100; d++) {
                trie.put(f("site/s" + s + "/dev/d" + d), "exact-" + s + "-" + d, 0);
            }
        }
        for (int i = 0; i < 50; i++) {
            trie.put(f("site/s" + i + "/#"), "site-" + i, 0);
            trie.put(f("site/+/dev/d" + i), "dev-" + i, 0);
        }
        assertThat(trie.size()).isEqualTo(10_000);

        AtomicLong visits = new AtomicLong();
        SubscriptionTrie.Visitor<String, Integer> counter = new SubscriptionTrie.Visitor<>() {
            @Override
            public void subscriber(String key, Integer value) {
                visits.incrementAndGet();
            }

            @Override
            public void sharedGroup(SharedGroup<String, Integer> group) {
                throw new AssertionError("no shared groups here");
            }
        };
        String[] topics = new String[10_000];
        long expected = 0;
        for (int i = 0; i < topics.length; i++) {
            int s = i % 100;
            int d = i / 100;
            topics[i] = "site/s" + s + "/dev/d" + d;
            expected += (s < 99 ? 1 : 0) + (s < 50 ? 1 : 0) + (d < 50 ? 1 : 0);
        }
        for (int round = 0; round < 10; round++) {
            for (String topic : topics) {
                trie.match(topic, counter);
            }
        }
        assertThat(visits.get()).isEqualTo(expected * 10);
    }

    @Test
    @DisplayName("null filters, keys and values are refused")
    void nulls() {
        assertThatNullPointerException().isThrownBy(() -> trie.put(null, "k", 1));
        assertThatNullPointerException().isThrownBy(() -> trie.put(f("a"), null, 1));
        assertThatNullPointerException().isThrownBy(() -> trie.put(f("a"), "k", null));
        assertThatNullPointerException().isThrownBy(() -> trie.remove(f("a"), null));
        assertThat(trie.nodeCount()).isZero();
    }

    @Test
    @DisplayName("an empty topic name matches nothing, not even '#' or '+'")
    void emptyTopic() {
        trie.put(f("#"), "k", 1);
        trie.put(f("+"), "k", 1);
        assertThat(Recorder.match(trie, "").subscribers).isEmpty();
    }

    static final String[] LEVELS = { "a", "b", "c", "", "$SYS", "A" };

    static List<TopicFilter> randomFilters(Random random, int count) {
        List<TopicFilter> filters = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        while (filters.size() < count) {
            int depth = 1 + random.nextInt(4);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                if (i > 0) {
                    sb.append('/');
                }
                int r = random.nextInt(10);
                if (r < 2) {
                    sb.append('+');
                } else if (r == 2 && i == depth - 1) {
                    sb.append('#');
                } else {
                    sb.append(LEVELS[random.nextInt(LEVELS.length)]);
                }
            }
            if (sb.length() == 0) {
                continue; // a single empty level is not a filter [MQTT-4.7.3-1]
            }
            if (random.nextInt(8) == 0) {
                sb.insert(0, random.nextBoolean() ? "$share/g/" : "$share/h/");
            }
            if (seen.putIfAbsent(sb.toString(), true) == null) {
                filters.add(f(sb.toString()));
            }
            if (seen.size() > 20_000) {
                break; // the level alphabet is small; stop rather than loop
            }
        }
        return filters;
    }

    static String randomTopic(Random random) {
        int depth = 1 + random.nextInt(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(LEVELS[random.nextInt(LEVELS.length)]);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }
}
