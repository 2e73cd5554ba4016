package io.stratusmq.wire.v5;

import static io.stratusmq.wire.Fixtures.id;
import static io.stratusmq.wire.Fixtures.props;
import static io.stratusmq.wire.Fixtures.utf8;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import org.junit.jupiter.api.DisplayName;

/**
 * PUBLISH properties that belong to the application message reach every 5.0 subscriber untouched: Payload
 * Format Indicator, Content Type, Response Topic, Correlation Data and User Properties [MQTT-3.3.2-4]
 * [MQTT-3.3.2-15] [MQTT-3.3.2-16] [MQTT-3.3.2-17] [MQTT-3.3.2-18] [MQTT-3.3.2-20].
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class PropertiesPassThroughTest {

    @BothTransports
    @DisplayName("Application properties are forwarded unaltered, User Properties in their order, duplicates kept"
            + " [MQTT-3.3.2-17] [MQTT-3.3.2-18]")
    void forwardedUnaltered(String transport) throws Exception {
        String topic = id("props/", transport);
        String properties = props(
                "01 01",                                  // payload format indicator 1: UTF-8
                "03 " + utf8("application/json"),         // content type
                "08 " + utf8("reply/to/me"),              // response topic
                "09 00 04 de ad be ef",                   // correlation data
                "26 " + utf8("b") + " " + utf8("2"),      // user property b=2
                "26 " + utf8("a") + " " + utf8("1"),      // user property a=1
                "26 " + utf8("b") + " " + utf8("2"));     // user property b=2 again
        try (RawConnection sub = Clients.v5Quiet(transport, id("propsub", transport));
                RawConnection pub = Clients.v5Quiet(transport, id("proppub", transport))) {
            sub.send(Fixtures.subscribe5(1, "00", topic, 2));
            sub.expect("90 04 00 01 00 02");
            pub.send(Fixtures.publish5(2, false, 1, topic, properties, "{\"t\":21.5}"));
            pub.expect("50 02 00 01");
            sub.expect(Fixtures.publish5(2, false, 1, topic, properties, "{\"t\":21.5}"));
        }
    }

    @BothTransports
    @DisplayName("The broker may write properties in its own order but keeps the order of User Properties among"
            + " themselves [MQTT-3.3.2-18]")
    void userPropertyOrderAcrossOthers(String transport) throws Exception {
        String topic = id("propord/", transport);
        String first = "26 " + utf8("k") + " " + utf8("1");
        String second = "26 " + utf8("k") + " " + utf8("2");
        String contentType = "03 " + utf8("text/plain");
        try (RawConnection sub = Clients.v5Quiet(transport, id("propordsub", transport));
                RawConnection pub = Clients.v5Quiet(transport, id("propordpub", transport))) {
            sub.send(Fixtures.subscribe5(1, "00", topic, 0));
            sub.expect("90 04 00 01 00 00");
            pub.send(Fixtures.publish5(0, false, 0, topic, props(first, contentType, second), "x"));
            sub.expect(Fixtures.publish5(0, false, 0, topic, props(contentType, first, second), "x"));
        }
    }

    @BothTransports
    @DisplayName("Payload Format Indicator 1 with a valid UTF-8 payload is forwarded with the indicator"
            + " [MQTT-3.3.2-4]")
    void payloadFormatForwarded(String transport) throws Exception {
        String topic = id("propfmt/", transport);
        try (RawConnection sub = Clients.v5Quiet(transport, id("propfmtsub", transport));
                RawConnection pub = Clients.v5Quiet(transport, id("propfmtpub", transport))) {
            sub.send(Fixtures.subscribe5(1, "00", topic, 1));
            sub.expect("90 04 00 01 00 01");
            pub.send(Fixtures.publish5(1, false, 7, topic, props("01 01"), "grüße"));
            pub.expect("40 02 00 07");
            sub.expect(Fixtures.publish5(1, false, 1, topic, props("01 01"), "grüße"));
        }
    }
}
