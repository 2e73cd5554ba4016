package io.stratusmq.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of MQTT matching rules, run against every matcher in the package. */
class TopicMatchingTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // [MQTT-4.7.1-3] '+' matches exactly one level, an empty one included
                row("a/+/c", "a/b/c", true),
                row("a/+/c", "a//c", true),
                row("a/+/c", "a/b/d/c", false),
                row("a/+/c", "a/c", false),
                row("+/+", "/", true),
                row("+", "a", true),
                row("+", "a/b", false),
                row("+", "/", false),
                row("sport/tennis/+", "sport/tennis/player1", true),
                row("sport/tennis/+", "sport/tennis/player1/ranking", false),
                row("sport/tennis/+", "sport/tennis", false),
                row("sport/+", "sport", false),
                row("sport/+", "sport/", true),
                row("a/+/+/d", "a/b/c/d", true),
                row("+/b/+", "a/b/c", true),
                // [MQTT-4.7.1-2] '#' matches the parent and any number of levels
                row("sport/#", "sport", true),
                row("sport/#", "sport/", true),
                row("sport/#", "sport/tennis/player1", true),
                row("sport/#", "sports", false),
                row("sport/#", "spor", false),
                row("sport/tennis/#", "sport", false),
                row("sport/+/#", "sport/tennis", true),
                row("sport/+/#", "sport", false),
                row("+/#", "a", true),
                row("#", "a", true),
                row("#", "/", true),
                row("#", "a/b/c", true),
                row("/#", "/", true),
                row("/#", "/a/b", true),
                row("/#", "a", false),
                row("a/#", "b/a", false),
                // [MQTT-4.7.2-1] a filter starting with a wildcard does not match a name starting with '$'
                row("#", "$SYS/monitor", false),
                row("#", "$SYS", false),
                row("+/monitor", "$SYS/monitor", false),
                row("+/#", "$SYS", false),
                row("+", "$", false),
                row("$SYS/#", "$SYS/monitor", true),
                row("$SYS/#", "$SYS", true),
                row("$SYS/+", "$SYS/x", true),
                row("$SYS/monitor/+", "$SYS/monitor/Clients", true),
                row("$foo", "$foo", true),
                row("a/+", "a/$b", true),
                row("a/#", "a/$b/c", true),
                row("+/$b", "a/$b", true),
                // [MQTT-4.7.3-4] levels compare exactly, case included, no normalization
                row("ACCOUNTS", "Accounts", false),
                row("sport/Tennis", "sport/tennis", false),
                row("ü/+", "ü/x", true),
                row("u\u0308", "ü", false),
                row("a b", "a b", true),
                row("a b", "a  b", false),
                // empty levels: "/finance" is "" then "finance"
                row("+/+", "/finance", true),
                row("/+", "/finance", true),
                row("+", "/finance", false),
                row("/finance", "/finance", true),
                row("/finance", "finance", false),
                row("//", "//", true),
                row("+/+/+", "//", true),
                row("/", "//", false),
                // a trailing '/' is one more, empty, level
                row("a/", "a", false),
                row("a", "a/", false),
                row("a/", "a/", true),
                row("a/+", "a/", true),
                row("a/#", "a/", true),
                row("a/#", "a", true),
                // exact filters
                row("a/b/c", "a/b/c", true),
                row("a/b/c", "a/b", false),
                row("a/b", "a/b/c", false),
                row("a/b", "a/bc", false),
                row("a/bc", "a/b", false),
                row("ab/c", "a/bc", false));
    }

    private static Arguments row(String filter, String topic, boolean matches) {
        return Arguments.of(filter, topic, matches);
    }

    @ParameterizedTest(name = "TopicFilter \"{0}\" vs \"{1}\": {2}")
    @MethodSource("table")
    void topicFilterMatches(String filter, String topic, boolean expected) throws InvalidTopicException {
        assertThat(TopicFilter.parse(filter).matches(topic)).isEqualTo(expected);
        assertThat(TopicFilter.parse("$share/g/" + filter).matches(topic)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "SubscriptionTrie \"{0}\" vs \"{1}\": {2}")
    @MethodSource("table")
    void subscriptionTrieMatches(String filter, String topic, boolean expected) throws InvalidTopicException {
        SubscriptionTrie<String, Integer> trie = new SubscriptionTrie<>();
        trie.put(TopicFilter.parse(filter), "plain", 1);
        trie.put(TopicFilter.parse("$share/g/" + filter), "member", 2);
        Recorder<String, Integer> seen = Recorder.match(trie, topic);
        assertThat(seen.keys()).isEqualTo(expected ? List.of("plain") : List.of());
        assertThat(seen.groupNames()).isEqualTo(expected ? List.of("$share/g/" + filter) : List.of());
    }

    @ParameterizedTest(name = "TopicTree \"{0}\" vs \"{1}\": {2}")
    @MethodSource("table")
    void topicTreeMatches(String filter, String topic, boolean expected) throws InvalidTopicException {
        TopicTree<Integer> tree = new TopicTree<>();
        tree.put(topic, 1);
        for (String text : List.of(filter, "$share/g/" + filter)) {
            List<String> seen = new ArrayList<>();
            tree.match(TopicFilter.parse(text), (name, value) -> seen.add(name));
            assertThat(seen).isEqualTo(expected ? List.of(topic) : List.of());
        }
    }
}
