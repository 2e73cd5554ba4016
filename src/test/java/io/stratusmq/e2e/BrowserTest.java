package io.stratusmq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs the browser suite (src/test/js/browser, Node's test runner driving Debian's headless Chromium through
 * playwright-core) against this broker: MQTT.js and Eclipse Paho JavaScript inside real pages, over the
 * browser's own WebSocket. The suite drops connections through {@link io.stratusmq.testing.ConnectionControl}.
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class BrowserTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");

    @Test
    @DisplayName("MQTT.js and Paho JS in headless Chromium pass the browser suite against the broker")
    void browserSuite() throws Exception {
        assertThat(CHROMIUM.canExecute()).as("Debian's chromium at " + CHROMIUM + " (apt-get install chromium; .ci/run installs it)").isTrue();
        File log = File.createTempFile("browser-tests", ".log");
        ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=spec",
                "browser/")
                .directory(new File("src/test/js"))
                .redirectErrorStream(true)
                .redirectOutput(log);
        pb.environment().put("STRATUS_WS_URL", Broker.wsUri().toString());
        pb.environment().put("CHROMIUM_PATH", CHROMIUM.getPath());
        Process node = pb.start();
        boolean finished = node.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            node.descendants().forEach(ProcessHandle::destroyForcibly); // Chromium too
            node.destroyForcibly();
        }
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(finished).as("browser test run finished within 5 minutes").isTrue();
        assertThat(node.exitValue()).as("node --test exit code; output:\n" + output).isZero();
        int tests = summary(output, "tests");
        assertThat(tests).as("browser tests run").isPositive();
        assertThat(summary(output, "pass")).as("browser tests passed, of " + tests).isEqualTo(tests);
    }

    /** A count from the spec reporter's closing lines ("ℹ pass 8"). */
    private static int summary(String output, String name) {
        Matcher m = Pattern.compile("(?m)^\\S* ?" + name + " (\\d+)$").matcher(output);
        assertThat(m.find()).as("'" + name + " N' in the summary").isTrue();
        return Integer.parseInt(m.group(1));
    }
}
