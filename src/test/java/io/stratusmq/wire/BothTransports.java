package io.stratusmq.wire;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs a wire test once over WebSocket ("ws") and once over TCP ("tcp"): MQTT must not care [MQTT-6.0]. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "over {0}")
@ValueSource(strings = {"ws", "tcp"})
public @interface BothTransports {
}
