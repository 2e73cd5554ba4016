package io.stratusmq.codec;

import java.util.Objects;

/** A User Property: a UTF-8 string pair; the same name may appear more than once [MQTT-3.1.2-24]. */
public record UserProperty(String name, String value) {
    public UserProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
