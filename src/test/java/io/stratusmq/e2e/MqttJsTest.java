package io.stratusmq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs the MQTT.js suite (src/test/js/tests, Node's test runner) against this broker: the library browsers use,
 * both protocol versions, over WebSocket (and plain TCP and raw WebSocket handshakes in transport.test.js).
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class MqttJsTest {

    @Test
    @DisplayName("MQTT.js end-to-end suite passes against the broker over WebSocket")
    void mqttJsSuite() throws Exception {
        File dir = new File("src/test/js");
        ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=spec",
                "tests/")
                .directory(dir)
                .redirectErrorStream(true)
                .redirectOutput(File.createTempFile("mqttjs", ".log"));
        pb.environment().put("STRATUS_WS_URL", Broker.wsUri().toString());
        pb.environment().put("STRATUS_TCP_URL", Broker.tcpUri());
        File log = pb.redirectOutput().file();
        Process node = pb.start();
        boolean finished = node.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            node.destroyForcibly();
        }
        String output = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(finished).as("node test run finished").isTrue();
        assertThat(node.exitValue()).as("node --test exit code; output:\n" + output).isZero();
        java.util.regex.Matcher passed = java.util.regex.Pattern.compile("pass (\\d+)").matcher(output);
        assertThat(passed.find() && Integer.parseInt(passed.group(1)) > 0).as("some tests passed").isTrue();
        assertThat(output).contains("fail 0");
    }
}
