package io.stratusmq.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TopicTreeTest {

    private final TopicTree<String> tree = new TopicTree<>();

    private static TopicFilter f(String text) {
        try {
            return TopicFilter.parse(text);
        } catch (InvalidTopicException e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, String> match(String filter) {
        Map<String, String> seen = new HashMap<>();
        tree.match(f(filter), (topic, value) -> {
            if (seen.put(topic, value) != null) {
                throw new AssertionError(topic + " seen twice for " + filter);
            }
        });
        return seen;
    }

    @Test
    @DisplayName("put stores, put again replaces and returns the previous value, remove returns it")
    void putGetRemove() {
        assertThat(tree.isEmpty()).isTrue();
        assertThat(tree.put("a/b", "1")).isNull();
        assertThat(tree.put("a/b", "2")).isEqualTo("1");
        assertThat(tree.put("a", "3")).isNull();
        assertThat(tree.size()).isEqualTo(2);
        assertThat(tree.get("a/b")).isEqualTo("2");
        assertThat(tree.get("a")).isEqualTo("3");
        assertThat(tree.get("a/b/c")).isNull();
        assertThat(tree.get("b")).isNull();
        assertThat(tree.remove("a/b")).isEqualTo("2");
        assertThat(tree.remove("a/b")).isNull();
        assertThat(tree.remove("x/y")).isNull();
        assertThat(tree.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("\"a/\", \"a\" and \"/a\" are three different topics")
    void emptyLevelsAreDistinct() {
        tree.put("a", "plain");
        tree.put("a/", "trailing");
        tree.put("/a", "leading");
        tree.put("/", "slash");
        assertThat(tree.size()).isEqualTo(4);
        assertThat(tree.get("a/")).isEqualTo("trailing");
        assertThat(tree.get("/")).isEqualTo("slash");
        assertThat(match("a")).containsOnlyKeys("a");
        assertThat(match("+/+")).containsOnlyKeys("a/", "/a", "/");
    }

    @Test
    @DisplayName("[MQTT-4.7.1-2] '#' matches its parent level and everything below; '+' exactly one level")
    void wildcards() {
        for (String topic : List.of("sport", "sport/", "sport/tennis", "sport/tennis/player1",
                "sport/tennis/player1/ranking", "sports", "news/sport")) {
            tree.put(topic, topic);
        }
        assertThat(match("sport/#")).containsOnlyKeys("sport", "sport/", "sport/tennis", "sport/tennis/player1",
                "sport/tennis/player1/ranking");
        assertThat(match("sport/tennis/#")).containsOnlyKeys("sport/tennis", "sport/tennis/player1",
                "sport/tennis/player1/ranking");
        assertThat(match("sport/+")).containsOnlyKeys("sport/", "sport/tennis");
        assertThat(match("+/+")).containsOnlyKeys("sport/", "sport/tennis", "news/sport");
        assertThat(match("+/sport")).containsOnlyKeys("news/sport");
        assertThat(match("sport/+/+")).containsOnlyKeys("sport/tennis/player1");
        assertThat(match("+")).containsOnlyKeys("sport", "sports");
        assertThat(match("#")).hasSize(7);
        assertThat(match("sport/tennis/player1")).containsEntry("sport/tennis/player1", "sport/tennis/player1");
        assertThat(match("sport/tennis/player2")).isEmpty();
    }

    @Test
    @DisplayName("[MQTT-4.7.2-1] a filter starting with a wildcard skips '$' topics; \"$SYS/#\" reaches them")
    void dollarTopics() {
        tree.put("$SYS/monitor", "m");
        tree.put("$SYS", "s");
        tree.put("a/$b", "ab");
        tree.put("x/monitor", "x");
        assertThat(match("#")).containsOnlyKeys("a/$b", "x/monitor");
        assertThat(match("+/monitor")).containsOnlyKeys("x/monitor");
        assertThat(match("+")).isEmpty();
        assertThat(match("$SYS/#")).containsOnlyKeys("$SYS", "$SYS/monitor");
        assertThat(match("$SYS/+")).containsOnlyKeys("$SYS/monitor");
        assertThat(match("a/+")).containsOnlyKeys("a/$b");
        assertThat(match("$share/g/#")).containsOnlyKeys("a/$b", "x/monitor");
    }

    @Test
    @DisplayName("[MQTT-4.7.3-4] matching is case sensitive")
    void caseSensitive() {
        tree.put("Accounts/x", "1");
        assertThat(match("accounts/+")).isEmpty();
        assertThat(match("Accounts/+")).containsOnlyKeys("Accounts/x");
    }

    @Test
    @DisplayName("removal prunes every node left empty, and only those")
    void pruning() {
        tree.put("a/b/c", "1");
        tree.put("a", "2");
        tree.put("a/d", "3");
        assertThat(tree.nodeCount()).isEqualTo(4);
        tree.remove("a/b/c");
        assertThat(tree.nodeCount()).isEqualTo(2); // c and b go, a holds a value and d
        tree.remove("a");
        assertThat(tree.nodeCount()).isEqualTo(2); // a still leads to d
        tree.remove("a/d");
        assertThat(tree.nodeCount()).isZero();
        assertThat(tree.size()).isZero();
        assertThat(match("#")).isEmpty();
    }

    @Test
    @DisplayName("after many topics are stored and all removed, size and node count are back to 0")
    void pruningAtScale() {
        Random random = new Random(9);
        Set<String> topics = new HashSet<>();
        while (topics.size() < 2_000) {
            topics.add(SubscriptionTrieTest.randomTopic(random) + "/" + random.nextInt(50));
        }
        topics.forEach(t -> tree.put(t, t));
        assertThat(tree.size()).isEqualTo(2_000);
        assertThat(match("#").size() + match("$SYS/#").size()).isEqualTo(2_000);
        topics.forEach(tree::remove);
        assertThat(tree.size()).isZero();
        assertThat(tree.nodeCount()).isZero();
    }

    @Test
    @DisplayName("the tree finds exactly the topics that TopicFilter.matches accepts, over random filters")
    void agreesWithTopicFilterMatches() {
        Random random = new Random(11);
        Set<String> topics = new HashSet<>();
        for (int i = 0; i < 1_500; i++) {
            topics.add(SubscriptionTrieTest.randomTopic(random));
        }
        topics.forEach(t -> tree.put(t, t));
        for (TopicFilter filter : SubscriptionTrieTest.randomFilters(random, 1_500)) {
            Set<String> expected = new HashSet<>();
            for (String topic : topics) {
                if (filter.matches(topic)) {
                    expected.add(topic);
                }
            }
            assertThat(match(filter.text()).keySet()).as(filter.text()).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("matching walks without recursion: a 10,000-level topic does not overflow the stack")
    void deepTopic() {
        String deep = "a/".repeat(9_999) + "z";
        tree.put(deep, "deep");
        assertThat(match("#")).containsOnlyKeys(deep);
        assertThat(match("+/".repeat(9_999) + "+")).containsOnlyKeys(deep);
        assertThat(tree.get(deep)).isEqualTo("deep");
        tree.remove(deep);
        assertThat(tree.nodeCount()).isZero();
    }

    @Test
    @DisplayName("empty topic names and null values are refused")
    void refusals() {
        assertThatIllegalArgumentException().isThrownBy(() -> tree.put("", "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> tree.get(""));
        assertThatNullPointerException().isThrownBy(() -> tree.put("a", null));
        assertThatNullPointerException().isThrownBy(() -> tree.put(null, "x"));
        assertThat(tree.nodeCount()).isZero();
    }

    @Test
    @Timeout(120)
    @DisplayName("concurrent match during put/remove: untouched topics always seen, none twice, end state exact")
    void matchWhileWriting() throws InterruptedException {
        List<String> stable = List.of("s/a", "s/a/b", "s", "$SYS/x", "s/b/c/d");
        stable.forEach(t -> tree.put(t, "stable"));
        List<String> churn = new ArrayList<>();
        for (String prefix : List.of("s", "s/a", "s/b", "s/b/c", "$SYS", "t")) {
            for (int i = 0; i < 20; i++) {
                churn.add(prefix + "/" + i);
                churn.add(prefix + "/" + i + "/x");
            }
        }
        Map<String, String> left = new HashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread writer = new Thread(() -> {
            try {
                Random random = new Random(13);
                for (int op = 0; op < 100_000; op++) {
                    String topic = churn.get(random.nextInt(churn.size()));
                    if (random.nextBoolean()) {
                        assertThat(tree.put(topic, "v" + op)).isEqualTo(left.put(topic, "v" + op));
                    } else {
                        assertThat(tree.remove(topic)).isEqualTo(left.remove(topic));
                    }
                }
            } catch (Throwable e) {
                failures.add(e);
            } finally {
                writing.set(false);
            }
        });
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread reader = new Thread(() -> {
                try {
                    while (writing.get()) {
                        Map<String, String> all = match("#");
                        Map<String, String> sys = match("$SYS/#");
                        Map<String, String> s = match("s/+/#");
                        if (!all.keySet().containsAll(List.of("s/a", "s/a/b", "s", "s/b/c/d"))
                                || !sys.containsKey("$SYS/x") || sys.containsKey("s")
                                || !s.keySet().containsAll(List.of("s/a", "s/a/b", "s/b/c/d"))) {
                            failures.add(new AssertionError("a stable topic was missed: " + all.keySet()));
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            reader.start();
            readers.add(reader);
        }
        writer.start();
        writer.join();
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failures).isEmpty();
        Map<String, String> expected = new HashMap<>(left);
        stable.forEach(t -> expected.put(t, "stable"));
        Map<String, String> everything = match("#");
        everything.putAll(match("$SYS/#"));
        assertThat(everything).isEqualTo(expected);
        assertThat(tree.size()).isEqualTo(expected.size());
        expected.keySet().forEach(tree::remove);
        assertThat(tree.nodeCount()).isZero();
    }
}
