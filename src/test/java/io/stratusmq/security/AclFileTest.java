package io.stratusmq.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AclFileTest {

    private static Acl parse(String... lines) {
        return AclFile.parse(List.of(lines), "acl");
    }

    @Test
    @DisplayName("mosquitto.conf(5) acl_file: topics before the first user line are for anonymous clients, "
            + "those after 'user <name>' for that user")
    void sections() {
        Acl acl = parse(
                "# comment",
                "topic read public/#",
                "",
                "user alice",
                "topic readwrite alice/#",
                "user bob",
                "topic write bob/in",
                "user alice",
                "topic deny alice/secret");
        assertThat(acl.anonymous()).containsExactly(AclRule.topic(Access.READ, "public/#"));
        assertThat(acl.users()).containsOnlyKeys("alice", "bob");
        assertThat(acl.users().get("alice")).containsExactly(AclRule.topic(Access.READWRITE, "alice/#"),
                AclRule.topic(Access.DENY, "alice/secret"));
        assertThat(acl.users().get("bob")).containsExactly(AclRule.topic(Access.WRITE, "bob/in"));
    }

    @Test
    @DisplayName("mosquitto.conf(5): \"Pattern ACLs apply to all users even if the user keyword has previously been given\"")
    void patternsAreGlobal() {
        Acl acl = parse("user alice", "pattern write sensor/%u/data", "topic read x");
        assertThat(acl.patterns()).containsExactly(new AclRule(Access.WRITE, "sensor/%u/data", true));
        assertThat(acl.users().get("alice")).containsExactly(AclRule.topic(Access.READ, "x"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "topic a/b|READWRITE|a/b",
        "topic read a/+|READ|a/+",
        "topic write a/#|WRITE|a/#",
        "topic readwrite #|READWRITE|#",
        "topic deny $SYS/#|DENY|$SYS/#",
        "topic read my topic/with spaces|READ|my topic/with spaces",
        "  topic   read   spaced/out  |READ|spaced/out",
        "topic\tread\ttabs|READ|tabs"})
    @DisplayName("mosquitto.conf(5): topic [read|write|readwrite|deny] <topic>, access optional and readwrite by default")
    void access(String line, Access access, String filter) {
        assertThat(parse(line).anonymous()).containsExactly(AclRule.topic(access, filter));
    }

    @Test
    @DisplayName("user names are the rest of the line, spaces included, matched exactly")
    void userNames() {
        Acl acl = parse("user John Smith", "topic x", "user  padded ", "topic y");
        assertThat(acl.users()).containsOnlyKeys("John Smith", "padded");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "topics read a|line 1: expected 'topic', 'pattern' or 'user', found 'topics'",
        "user|line 1: 'user' needs a username",
        "topic|line 1: a topic filter is missing",
        "topic read|line 1: a topic filter is missing after 'read'",
        "topic my topic|line 1: 'my' is not read, write, readwrite or deny",
        "topic reads a/b|line 1: 'reads' is not read, write, readwrite or deny",
        "topic read a/#/b|line 1: '#' must be alone in the last level",
        "pattern read a+/b|line 1: '+' must occupy an entire level",
        "topic read $share/g/a|line 1: rules apply to the filter after $share/{group}/"})
    @DisplayName("a line that cannot be read is an error naming it, never silently dropped (it might be a deny)")
    void errors(String line, String message) {
        assertThatThrownBy(() -> parse(line)).isInstanceOf(AclSyntaxException.class)
                .hasMessageContaining("acl " + message);
    }

    @Test
    @DisplayName("Redis user rules: topic and pattern lines of one user; 'user' lines are refused")
    void userRules() {
        assertThat(AclFile.parseUserRules("topic read a/#\r\n# c\n\npattern write d/%c", "redis"))
                .containsExactly(AclRule.topic(Access.READ, "a/#"), new AclRule(Access.WRITE, "d/%c", true));
        assertThatThrownBy(() -> AclFile.parseUserRules("topic a\nuser bob", "redis"))
                .hasMessageContaining("redis line 2: expected 'topic' or 'pattern', found 'user'");
    }
}
