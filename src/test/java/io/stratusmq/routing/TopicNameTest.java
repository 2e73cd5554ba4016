package io.stratusmq.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNameTest {

    @ParameterizedTest(name = "\"{0}\" is a valid topic name")
    @ValueSource(strings = { "a", "/", "//", "a/", "/finance", "sport/tennis/player1", "$SYS/broker/uptime",
            "ü/€/𝄞", "a b/c", "$share/g/a" })
    @DisplayName("[MQTT-4.7] any non-empty name without wildcards is valid, empty levels included")
    void valid(String topic) {
        assertThatCode(() -> TopicName.validate(topic, 0, 0)).doesNotThrowAnyException();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("[MQTT-4.7.3-1] a topic name must be at least one character long", "", "[MQTT-4.7.3-1]"),
                Arguments.of("[MQTT-3.3.2-2] a topic name must not contain '+'", "a/+", "[MQTT-3.3.2-2]"),
                Arguments.of("[MQTT-3.3.2-2] a topic name must not contain '+' inside a level", "a+b",
                        "[MQTT-3.3.2-2]"),
                Arguments.of("[MQTT-3.3.2-2] a topic name must not contain '#'", "a/#", "[MQTT-3.3.2-2]"),
                Arguments.of("[MQTT-3.3.2-2] a topic name must not be '#'", "#", "[MQTT-3.3.2-2]"),
                Arguments.of("[MQTT-3.3.2-2] a topic name must not be '+'", "+", "[MQTT-3.3.2-2]"));
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @MethodSource
    void invalid(String rule, String topic, String citation) {
        assertThatThrownBy(() -> TopicName.validate(topic, 0, 0))
                .isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining(citation);
    }

    @Test
    @DisplayName("the level limit counts empty levels: \"a/b/\" has three")
    void levelLimit() {
        assertThatCode(() -> TopicName.validate("a/b/", 10, 3)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TopicName.validate("a/b//", 10, 3))
                .isInstanceOf(InvalidTopicException.class)
                .hasMessage("the topic name has 4 levels, more than the limit of 3");
    }

    @Test
    @DisplayName("[MQTT-4.7.3-3] the length limit counts UTF-8 bytes, as on the wire")
    void lengthLimitInBytes() {
        assertThatCode(() -> TopicName.validate("abcd", 4, 0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TopicName.validate("abcde", 4, 0)).hasMessageContaining("5 bytes");
        // "é" is two bytes, "€" three, "𝄞" four (a surrogate pair)
        assertThatCode(() -> TopicName.validate("é€", 5, 0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TopicName.validate("é€", 4, 0)).hasMessageContaining("5 bytes");
        assertThatCode(() -> TopicName.validate("a/𝄞", 6, 0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TopicName.validate("a/𝄞", 5, 0)).hasMessageContaining("6 bytes");
    }

    @Test
    @DisplayName("0 means no limit; a negative limit is a programming error")
    void limitArguments() {
        assertThatCode(() -> TopicName.validate("a/".repeat(10_000) + "a", 0, 0)).doesNotThrowAnyException();
        assertThatIllegalArgumentException().isThrownBy(() -> TopicName.validate("a", -1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> TopicName.validate("a", 0, -1));
    }

    @Test
    @DisplayName("[MQTT-4.7.2-1] names that start with '$' are told apart")
    void dollar() {
        assertThat(TopicName.isDollar("$SYS/broker")).isTrue();
        assertThat(TopicName.isDollar("$")).isTrue();
        assertThat(TopicName.isDollar("SYS/$x")).isFalse();
        assertThat(TopicName.isDollar("/$SYS")).isFalse();
        assertThat(TopicName.isDollar("")).isFalse();
    }
}
