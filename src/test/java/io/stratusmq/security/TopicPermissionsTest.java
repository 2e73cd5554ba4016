package io.stratusmq.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicPermissionsTest {

    private static TopicPermissions perms(String... lines) {
        return TopicPermissions.of(AclFile.parse(List.of(lines), "acl").anonymous());
    }

    private static final TopicPermissions RULES = perms(
            "topic readwrite home/#",
            "topic deny home/secret/#",
            "topic read news/+",
            "topic write cmd/out",
            "topic read $SYS/broker/#");

    @ParameterizedTest(name = "{0}: read {1}, write {2}")
    @CsvSource({
        "home/kitchen, true, true",
        "home, true, true",
        "home/secret, false, false",
        "home/secret/x, false, false",
        "news/today, true, false",
        "news/today/late, false, false",
        "cmd/out, false, true",
        "other, false, false",
        "$SYS/broker/uptime, true, false",
        "$SYS/other, false, false"})
    @DisplayName("mosquitto acl_file: deny rules first, then read/write grants; nothing granted is denied")
    void topics(String topic, boolean read, boolean write) {
        assertThat(RULES.mayRead(topic)).isEqualTo(read);
        assertThat(RULES.mayWrite(topic)).isEqualTo(write);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "home/kitchen, true",
        "home/+, false", // home/secret is denied
        "home/kitchen/#, true",
        "home/#, false",
        "home/secret/x, false",
        "news/+, true",
        "news/#, false", // news and news/a/b are not readable
        "cmd/out, false", // write only
        "#, false",
        "$SYS/broker/+, true",
        "$SYS/#, false"})
    @DisplayName("subscribe: allowed only if every topic the filter can match is readable")
    void subscribe(String filter, boolean allowed) {
        assertThat(RULES.maySubscribe(filter)).isEqualTo(allowed);
    }

    @Test
    @DisplayName("the brief's examples: with only a/# readable, # is refused and a/+ allowed")
    void briefExamples() {
        TopicPermissions p = perms("topic read a/#");
        assertThat(p.maySubscribe("#")).isFalse();
        assertThat(p.maySubscribe("a/+")).isTrue();
    }

    @Test
    @DisplayName("ALL allows everything, NONE nothing, and 'and' allows only what both allow")
    void combine() {
        assertThat(TopicPermissions.ALL.mayWrite("x")).isTrue();
        assertThat(TopicPermissions.ALL.maySubscribe("#")).isTrue();
        assertThat(TopicPermissions.NONE.mayRead("x")).isFalse();
        assertThat(TopicPermissions.NONE.maySubscribe("x")).isFalse();
        TopicPermissions token = perms("topic read home/kitchen/#", "topic write cmd/#");
        TopicPermissions both = RULES.and(token);
        assertThat(both.mayRead("home/kitchen/t")).isTrue();
        assertThat(both.mayRead("home/hall")).isFalse();
        assertThat(both.mayWrite("cmd/out")).isTrue();
        assertThat(both.mayWrite("cmd/in")).isFalse();
        assertThat(both.maySubscribe("home/kitchen/#")).isTrue();
        assertThat(both.maySubscribe("news/+")).isFalse();
        assertThat(TopicPermissions.ALL.and(token)).isSameAs(token);
        assertThat(token.and(TopicPermissions.ALL)).isSameAs(token);
        assertThat(both.and(perms("topic read home/kitchen/t")).mayRead("home/kitchen/u")).isFalse();
    }
}
