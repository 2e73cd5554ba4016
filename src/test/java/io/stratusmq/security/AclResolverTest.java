package io.stratusmq.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AclResolverTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("rules from every source are joined for the client, patterns substituted")
    void joinsSources() throws Exception {
        Path file = dir.resolve("acl");
        Files.write(file, List.of("pattern read devices/%c/#", "user alice", "topic write alice/out"));
        AclSource extra = (c, u) -> CompletableFuture.completedFuture(List.of(AclRule.topic(Access.READ, "extra")));
        AclResolver resolver = new AclResolver(List.of(new AclFileSource(file), extra));
        TopicPermissions p = resolver.resolve("dev1", "alice").toCompletableFuture().join();
        assertThat(p.mayWrite("alice/out")).isTrue();
        assertThat(p.mayRead("devices/dev1/x")).isTrue();
        assertThat(p.mayRead("devices/dev2/x")).isFalse();
        assertThat(p.mayRead("extra")).isTrue();
    }

    @Test
    @DisplayName("an unreachable source fails the resolution (the client is refused, not let in with fewer rules)")
    void failure() {
        AclSource down = (c, u) -> CompletableFuture.failedFuture(new IOException("down"));
        AclResolver resolver = new AclResolver(List.of(down));
        assertThatThrownBy(() -> resolver.resolve("c", "u").toCompletableFuture().join())
                .hasRootCauseInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("a broken ACL file stops the start; a broken edit on reload keeps the rules loaded before")
    void brokenFile() throws Exception {
        Path file = dir.resolve("acl");
        Files.write(file, List.of("topic reed a"));
        assertThatThrownBy(() -> new AclFileSource(file)).isInstanceOf(AclSyntaxException.class)
                .hasMessageContaining("line 1");
        Files.write(file, List.of("topic read a"));
        AclFileSource source = new AclFileSource(file);
        Files.write(file, List.of("topic read a", "topic deny"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(source.reloadIfChanged()).isFalse();
        assertThat(source.current().anonymous()).containsExactly(AclRule.topic(Access.READ, "a"));
        Files.write(file, List.of("topic read b"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(source.reloadIfChanged()).isTrue();
        assertThat(source.current().anonymous()).containsExactly(AclRule.topic(Access.READ, "b"));
    }
}
