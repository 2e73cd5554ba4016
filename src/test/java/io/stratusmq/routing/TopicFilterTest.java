package io.stratusmq.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopicFilterTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                // statement, text, filter, share name, wildcard, levels
                Arguments.of("[MQTT-4.7.1-2] '#' on its own matches everything", "#", "#", null, true, 1),
                Arguments.of("[MQTT-4.7.1-3] '+' on its own", "+", "+", null, true, 1),
                Arguments.of("[MQTT-4.7.1-2] '#' after a separator, last", "sport/#", "sport/#", null, true, 2),
                Arguments.of("[MQTT-4.7.1-3] '+' at any level", "+/tennis/+", "+/tennis/+", null, true, 3),
                Arguments.of("[MQTT-4.7.1-3] '+' with '#'", "sport/+/#", "sport/+/#", null, true, 3),
                Arguments.of("[MQTT-4.7.1-3] '+' may be used with empty levels", "+//+", "+//+", null, true,
                        3),
                Arguments.of("[MQTT-4.7.3-1] a lone separator is a filter of two empty levels", "/", "/", null, false,
                        2),
                Arguments.of("[MQTT-4.7.3-1] a trailing '/' adds an empty level", "a/", "a/", null, false, 2),
                Arguments.of("[MQTT-4.7.3-1] a leading '/' adds an empty level", "/finance", "/finance", null, false,
                        2),
                Arguments.of("[MQTT-4.7.2-1] a '$' filter is an ordinary filter", "$SYS/#", "$SYS/#", null, true, 2),
                Arguments.of("[MQTT-4.7.3-3] filters are UTF-8 strings: any character in a level", "ü/€/𝄞", "ü/€/𝄞",
                        null, false, 3),
                Arguments.of("[MQTT-4.8.2-1] a shared subscription", "$share/g/a/+", "a/+", "g", true, 2),
                Arguments.of("[MQTT-4.8.2-2] a shared subscription of '#'", "$share/group-1/#", "#", "group-1", true,
                        1),
                Arguments.of("[MQTT-4.8.2-2] the shared filter may start with '$'", "$share/g/$SYS/x", "$SYS/x", "g",
                        false, 2),
                Arguments.of("[MQTT-4.8.2-2] the shared filter may be a lone '/'", "$share/g//", "/", "g", false, 2),
                Arguments.of("[MQTT-4.8.2-1] only a first level of exactly \"$share\" makes it shared", "$shares/g/a",
                        "$shares/g/a", null, false, 3),
                Arguments.of("[MQTT-4.8.2-1] \"$share\" later in the filter is an ordinary level", "a/$share/g",
                        "a/$share/g", null, false, 3));
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @MethodSource
    void valid(String statement, String text, String filter, String shareName, boolean wildcard, int levels)
            throws InvalidTopicException {
        TopicFilter parsed = TopicFilter.parse(text);
        assertThat(parsed.text()).isEqualTo(text);
        assertThat(parsed.filter()).isEqualTo(filter);
        assertThat(parsed.shareName()).isEqualTo(shareName);
        assertThat(parsed.isShared()).isEqualTo(shareName != null);
        assertThat(parsed.hasWildcard()).isEqualTo(wildcard);
        assertThat(parsed.levelCount()).isEqualTo(levels);
        assertThat(parsed).hasToString(text);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("[MQTT-4.7.3-1] a topic filter must be at least one character long", "",
                        "[MQTT-4.7.3-1]"),
                Arguments.of("[MQTT-4.7.1-2] '#' must be the last level", "#/a", "[MQTT-4.7.1-2]"),
                Arguments.of("[MQTT-4.7.1-2] '#' must be the last level", "a/#/b", "[MQTT-4.7.1-2]"),
                Arguments.of("[MQTT-4.7.1-2] '#' must be the last level", "a/#/", "[MQTT-4.7.1-2]"),
                Arguments.of("[MQTT-4.7.1-2] '#' must occupy the whole level", "sport/tennis#", "[MQTT-4.7.1-2]"),
                Arguments.of("[MQTT-4.7.1-2] '#' must occupy the whole level", "#a", "[MQTT-4.7.1-2]"),
                Arguments.of("[MQTT-4.7.1-2] '#' must occupy the whole level", "##", "[MQTT-4.7.1-2]"),
                Arguments.of("[MQTT-4.7.1-3] '+' must occupy an entire level", "sport+", "[MQTT-4.7.1-3]"),
                Arguments.of("[MQTT-4.7.1-3] '+' must occupy an entire level", "+a/b", "[MQTT-4.7.1-3]"),
                Arguments.of("[MQTT-4.7.1-3] '+' must occupy an entire level", "a/b+/c", "[MQTT-4.7.1-3]"),
                Arguments.of("[MQTT-4.7.1-3] '+' must occupy an entire level", "++", "[MQTT-4.7.1-3]"),
                Arguments.of("[MQTT-4.7.1-2] '+#' is neither wildcard", "a/+#", "[MQTT-4.7.1-2]"),
                Arguments.of("[MQTT-4.8.2-1] a share name is at least one character", "$share//a", "[MQTT-4.8.2-1]"),
                Arguments.of("[MQTT-4.8.2-1] a share name is at least one character", "$share/", "[MQTT-4.8.2-1]"),
                Arguments.of("[MQTT-4.8.2-1] \"$share\" alone is not a shared subscription", "$share",
                        "[MQTT-4.8.2-1]"),
                Arguments.of("[MQTT-4.8.2-2] the share name must be followed by '/'", "$share/g", "[MQTT-4.8.2-2]"),
                Arguments.of("[MQTT-4.8.2-2] the '/' must be followed by a topic filter", "$share/g/",
                        "[MQTT-4.8.2-2]"),
                Arguments.of("[MQTT-4.8.2-2] the share name must not contain '+'", "$share/g+/a", "[MQTT-4.8.2-2]"),
                Arguments.of("[MQTT-4.8.2-2] the share name must not contain '+'", "$share/+/a", "[MQTT-4.8.2-2]"),
                Arguments.of("[MQTT-4.8.2-2] the share name must not contain '#'", "$share/#/a", "[MQTT-4.8.2-2]"),
                Arguments.of("[MQTT-4.8.2-2] the share name must not contain '#'", "$share/g#", "[MQTT-4.8.2-2]"),
                Arguments.of("[MQTT-4.7.1-2] the shared filter follows the filter rules", "$share/g/a/#/b",
                        "[MQTT-4.7.1-2]"),
                Arguments.of("[MQTT-4.7.1-3] the shared filter follows the filter rules", "$share/g/a+",
                        "[MQTT-4.7.1-3]"));
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @MethodSource
    void invalid(String statement, String text, String citation) {
        assertThatThrownBy(() -> TopicFilter.parse(text))
                .isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining(citation);
    }

    @Test
    @DisplayName("the level limit applies to the matched filter, the length limit to the whole text in bytes")
    void limits() {
        assertThatCode(() -> TopicFilter.parse("$share/g/a/b/c", 14, 3)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TopicFilter.parse("$share/g/a/b/c/", 0, 3))
                .hasMessage("the topic filter has 4 levels, more than the limit of 3");
        assertThatThrownBy(() -> TopicFilter.parse("$share/g/a/b/c", 13, 0))
                .hasMessage("the topic filter is 14 bytes long, more than the limit of 13");
        assertThatThrownBy(() -> TopicFilter.parse("€/#", 4, 0)).hasMessageContaining("5 bytes");
    }

    @Test
    @DisplayName("equality is on the text as written: a shared filter differs from the plain one")
    void equality() throws InvalidTopicException {
        TopicFilter a = TopicFilter.parse("a/+");
        assertThat(a).isEqualTo(TopicFilter.parse("a/+")).hasSameHashCodeAs(TopicFilter.parse("a/+"));
        assertThat(a).isNotEqualTo(TopicFilter.parse("$share/g/a/+"));
        assertThat(TopicFilter.parse("$share/g/a/+")).isNotEqualTo(TopicFilter.parse("$share/h/a/+"));
        assertThat(TopicFilter.parse("a/")).isNotEqualTo(TopicFilter.parse("a"));
        assertThat(a).isNotEqualTo("a/+");
    }

    @Test
    @DisplayName("[MQTT-4.8.2] a shared filter matches on the part after the share name")
    void sharedMatchesOnFilter() throws InvalidTopicException {
        TopicFilter shared = TopicFilter.parse("$share/g/a/+");
        assertThat(shared.matches("a/b")).isTrue();
        assertThat(shared.matches("$share/g/a/b")).isFalse();
        assertThat(TopicFilter.parse("$share/g/#").matches("$SYS/x")).isFalse();
    }
}
