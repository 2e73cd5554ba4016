package io.stratusmq.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AclRuleTest {

    @ParameterizedTest(name = "{0} for client {1}, user {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        // mosquitto.conf(5): "%c to match the client id of the client, %u to match the username of the client"
        "sensor/%u/data|dev1|alice|sensor/alice/data",
        "devices/%c/#|dev1|alice|devices/dev1/#",
        "%u/%c|dev1|alice|alice/dev1",
        "$SYS/broker/connection/%c/state|bridge-1|null|$SYS/broker/connection/bridge-1/state",
        "u-%u|dev1|alice|u-alice",
        // one pass: a username holding %c is not substituted again
        "x/%u|dev1|bob%c|x/bob%c",
        // %u for an anonymous client: the pattern does not apply (as Mosquitto)
        "sensor/%u/data|dev1|null|null",
        // names that would add levels or wildcards: the granting pattern does not apply
        "devices/%c/#|victim/x|alice|null",
        "devices/%c/#|dev+|alice|null",
        "devices/%u/#|dev1|a#|null",
        "plain/topic|a/b|null|plain/topic"})
    @DisplayName("pattern substitution of %u and %c, and when a granting pattern cannot apply")
    void grants(String filter, String clientId, String username, String expected) {
        AclRule applied = new AclRule(Access.READWRITE, filter, true).forClient(clientId, username);
        if (expected == null) {
            assertThat(applied).isNull();
        } else {
            assertThat(applied).isEqualTo(AclRule.topic(Access.READWRITE, expected));
        }
    }

    @ParameterizedTest(name = "{0} for client {1}, user {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "private/%u/#|dev1|null|private/+/#",
        "private/%c/#|a/b|alice|private/+/#",
        "x/%u/%c|a/b|alice|x/alice/+",
        "x/pre-%c-post/y|a#|alice|x/+/y"})
    @DisplayName("a deny pattern that cannot be substituted denies every value of that level: less access, never more")
    void denies(String filter, String clientId, String username, String expected) {
        assertThat(new AclRule(Access.DENY, filter, true).forClient(clientId, username))
                .isEqualTo(AclRule.topic(Access.DENY, expected));
    }

    @Test
    @DisplayName("topic rules are never substituted (mosquitto: only pattern lines are)")
    void topicRulesAreLiteral() {
        AclRule rule = AclRule.topic(Access.READ, "a/%u");
        assertThat(rule.forClient("c", "u")).isSameAs(rule);
    }

    @Test
    @DisplayName("the rules for a client: its own section (or the anonymous one) plus the patterns that apply")
    void rulesFor() {
        Acl acl = AclFile.parse(List.of("topic read public/#", "pattern read own/%u/#", "pattern write dev/%c",
                "user alice", "topic write alice/x"), "acl");
        assertThat(acl.rulesFor("c1", null)).containsExactly(AclRule.topic(Access.READ, "public/#"),
                AclRule.topic(Access.WRITE, "dev/c1"));
        assertThat(acl.rulesFor("c1", "alice")).containsExactly(AclRule.topic(Access.WRITE, "alice/x"),
                AclRule.topic(Access.READ, "own/alice/#"), AclRule.topic(Access.WRITE, "dev/c1"));
        assertThat(acl.rulesFor("c1", "carol")).containsExactly(AclRule.topic(Access.READ, "own/carol/#"),
                AclRule.topic(Access.WRITE, "dev/c1"));
    }
}
