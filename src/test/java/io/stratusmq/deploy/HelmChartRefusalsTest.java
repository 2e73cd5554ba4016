package io.stratusmq.deploy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values that would install a broken broker are refused at render time, with a message saying what to change,
 * instead of producing pods that misbehave later.
 */
class HelmChartRefusalsTest {

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("no Redis for the redis backend", "redis.url", new String[] {}),
                Arguments.of("a grace period shorter than the drain", "pods would be killed in the middle of their drain",
                        new String[] {"redis.url", Chart.REDIS_URL, "terminationGracePeriodSeconds", "30"}),
                Arguments.of("ingress timeout not above the keep-alive", "must be above mqtt.maxKeepAlive",
                        new String[] {"redis.url", Chart.REDIS_URL, "ingress.enabled", "true", "ingress.proxyTimeoutSeconds", "300"}),
                Arguments.of("an annotation overriding the timeout below the keep-alive", "must be above mqtt.maxKeepAlive",
                        new String[] {"redis.url", Chart.REDIS_URL, "ingress.enabled", "true",
                                "ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/proxy-read-timeout", "60"}),
                Arguments.of("the local backend with several pods", "cluster.backend=local",
                        new String[] {"cluster.backend", "local", "replicaCount", "3"}),
                Arguments.of("TLS without a certificate Secret", "tls.secretName",
                        new String[] {"redis.url", Chart.REDIS_URL, "tls.enabled", "true"}),
                Arguments.of("in-chart Redis and an external one", "pick one Redis",
                        new String[] {"redis.url", Chart.REDIS_URL, "redis.internal.enabled", "true"}),
                Arguments.of("Sentinel without a master name", "redis.masterName",
                        new String[] {"redis.url", Chart.REDIS_URL, "redis.clientType", "sentinel"}),
                Arguments.of("a misspelt value (schema)", "uri",
                        new String[] {"redis.uri", Chart.REDIS_URL}),
                Arguments.of("an unknown image flavor (schema)", "flavor",
                        new String[] {"redis.url", Chart.REDIS_URL, "image.flavor", "graal"}),
                Arguments.of("a duration Quarkus cannot read (schema)", "timeout",
                        new String[] {"redis.url", Chart.REDIS_URL, "shutdown.timeout", "30 seconds"}),
                Arguments.of("a keep-alive MQTT cannot carry (schema)", "maxKeepAlive",
                        new String[] {"redis.url", Chart.REDIS_URL, "mqtt.maxKeepAlive", "70000"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    @DisplayName("helm template refuses values that would install a broken broker")
    void refuses(String name, String message, String[] values) {
        assertThatThrownBy(() -> Chart.template(values)).hasMessageContaining(message);
    }
}
