package io.stratusmq.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AclAuthorizerTest {

    private static TopicPermissions perms(String... lines) {
        return TopicPermissions.of(AclFile.parse(List.of(lines), "acl").anonymous());
    }

    @Test
    @DisplayName("with no ACL configured everything is allowed (mosquitto without acl_file)")
    void noAcl() {
        Authorizer a = new AclAuthorizer(false);
        ClientIdentity anyone = ClientIdentity.anonymous("c");
        assertThat(a.mayPublish(anyone, "x/y")).isTrue();
        assertThat(a.mayRead(anyone, "x/y")).isTrue();
        assertThat(a.maySubscribe(anyone, "#")).isTrue();
    }

    @Test
    @DisplayName("with an ACL configured, an identity whose rules were not resolved gets nothing (fail closed)")
    void unresolvedIsDenied() {
        Authorizer a = new AclAuthorizer(true);
        ClientIdentity unresolved = new ClientIdentity("c", "alice", null);
        assertThat(a.mayPublish(unresolved, "x")).isFalse();
        assertThat(a.mayRead(unresolved, "x")).isFalse();
        assertThat(a.maySubscribe(unresolved, "x")).isFalse();
        assertThat(a.mayPublish(null, "x")).isFalse();
    }

    @Test
    @DisplayName("the resolved ACL decides, publish and subscribe separately")
    void resolved() {
        Authorizer a = new AclAuthorizer(true);
        ClientIdentity id = new ClientIdentity("c", "alice", null).withAcl(perms("topic write out/#",
                "topic read in/#"));
        assertThat(a.mayPublish(id, "out/1")).isTrue();
        assertThat(a.mayPublish(id, "in/1")).isFalse();
        assertThat(a.mayRead(id, "in/1")).isTrue();
        assertThat(a.maySubscribe(id, "in/#")).isTrue();
        assertThat(a.maySubscribe(id, "out/#")).isFalse();
    }

    @Test
    @DisplayName("a credential's topic grants restrict further, with or without an ACL, and never widen it")
    void grantsRestrict() {
        ClientIdentity token = new ClientIdentity("c", "alice", List.of("dash/#"));
        Authorizer noAcl = new AclAuthorizer(false);
        assertThat(noAcl.mayPublish(token, "dash/x")).isTrue();
        assertThat(noAcl.mayPublish(token, "other")).isFalse();
        assertThat(noAcl.maySubscribe(token, "dash/+")).isTrue();
        assertThat(noAcl.maySubscribe(token, "#")).isFalse();
        Authorizer withAcl = new AclAuthorizer(true);
        ClientIdentity narrowAcl = token.withAcl(perms("topic read dash/public/#"));
        assertThat(withAcl.mayRead(narrowAcl, "dash/public/a")).isTrue();
        assertThat(withAcl.mayRead(narrowAcl, "dash/private/a")).isFalse();
        assertThat(withAcl.mayPublish(narrowAcl, "dash/public/a")).isFalse();
    }
}
