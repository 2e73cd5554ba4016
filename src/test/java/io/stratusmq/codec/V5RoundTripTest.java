package io.stratusmq.codec;

import static io.stratusmq.codec.MqttVersion.V5;
import static io.stratusmq.codec.RoundTripTest.EMOJI;
import static io.stratusmq.codec.RoundTripTest.TEMPERATURE;
import static io.stratusmq.codec.RoundTripTest.filled;
import static io.stratusmq.codec.Wire.roundTrip;
import static io.stratusmq.codec.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.stratusmq.codec.RoundTripTest.Case;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MQTT 5.0 round trips. Each packet appears once with every property the spec allows on it [5.0 §2.2.2.2]
 * (user properties repeated, with a repeated name), and once bare.
 */
class V5RoundTripTest {

    static final List<UserProperty> USER = List.of(new UserProperty("region", "eu-west"),
            new UserProperty("région", "😀"), new UserProperty("region", "eu-west"));
    static final byte[] DATA = {0, (byte) 0xFF, 0x7F, (byte) 0x80, 0x10};

    static final ConnectProperties CONNECT_ALL = new ConnectProperties(86_400L, 20, 1_048_576L, 10, true, false,
            "SCRAM-SHA-256", DATA, USER);
    static final WillProperties WILL_ALL = new WillProperties(30L, 1, 3_600L, "text/plain; charset=utf-8",
            "réponse/😀", DATA, USER);
    static final ConnAckProperties CONNACK_ALL = new ConnAckProperties(4_294_967_295L, 65_535, 1, false, 268_435_460L,
            "auto-7f3a", 65_535, "welcome, bienvenue", USER, false, true, false, 120, "reply/prefix",
            "other.example:1883", "SCRAM-SHA-256", DATA);
    static final PublishProperties PUBLISH_ALL = new PublishProperties(1, 0L, 65_535, "response/" + TEMPERATURE,
            DATA, USER, List.of(1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455), "application/json");
    static final AckProperties ACK_ALL = new AckProperties("raison: quota dépassé", USER);
    static final DisconnectProperties DISCONNECT_ALL = new DisconnectProperties(0L, "moved", USER,
            "mqtt2.example.com");
    static final AuthProperties AUTH_ALL = new AuthProperties("SCRAM-SHA-256", DATA, "continue", USER);

    static List<Case> packets() {
        return List.of(
                new Case("CONNECT with every property, a will with every property, user name and password",
                        new Connect(V5, "client-😀", false, 300, "ünïcödé", utf8("secret"),
                                new Will(TEMPERATURE, utf8("{\"online\":false}"), 1, true, WILL_ALL), CONNECT_ALL)),
                new Case("CONNECT bare", new Connect(V5, "", true, 0, null, null, null, ConnectProperties.EMPTY)),
                new Case("CONNECT will without properties",
                        new Connect(V5, "c", true, 10, null, null,
                                new Will("w", new byte[0], 2, false, WillProperties.EMPTY), ConnectProperties.EMPTY)),
                new Case("CONNECT password without user name (allowed in 5.0, section 3.1.2.9)",
                        new Connect(V5, "c", true, 10, null, DATA, null, ConnectProperties.EMPTY)),
                new Case("CONNACK with every property", new ConnAck(true, ConnectReasonCode.SUCCESS, CONNACK_ALL)),
                new Case("CONNACK bare", new ConnAck(false, ConnectReasonCode.SUCCESS, ConnAckProperties.EMPTY)),
                new Case("CONNACK refusal with a reason string",
                        new ConnAck(false, ConnectReasonCode.BANNED, ConnAckProperties.ofReason("banned"))),
                new Case("PUBLISH with every property and eight subscription identifiers",
                        new Publish(TEMPERATURE, 1, true, true, 65_535, filled(200), PUBLISH_ALL)),
                new Case("PUBLISH by topic alias, empty topic name",
                        new Publish("", 2, false, false, 1, utf8("x"), PublishProperties.EMPTY.withTopicAlias(1))),
                new Case("PUBLISH bare, QoS 0, empty payload",
                        new Publish("a", 0, false, false, 0, new byte[0], PublishProperties.EMPTY)),
                new Case("PUBLISH 20,000-byte payload, emoji topic",
                        new Publish(EMOJI, 2, false, false, 2, filled(20_000), PublishProperties.EMPTY)),
                new Case("PUBACK success", new PubAck(1)),
                new Case("PUBACK reason only", new PubAck(2, PubAckReasonCode.NO_MATCHING_SUBSCRIBERS,
                        AckProperties.EMPTY)),
                new Case("PUBACK success with properties", new PubAck(3, PubAckReasonCode.SUCCESS, ACK_ALL)),
                new Case("PUBACK with every property", new PubAck(65_535, PubAckReasonCode.QUOTA_EXCEEDED, ACK_ALL)),
                new Case("PUBREC success", new PubRec(1)),
                new Case("PUBREC with every property", new PubRec(65_535, PubRecReasonCode.NOT_AUTHORIZED, ACK_ALL)),
                new Case("PUBREL success", new PubRel(65_535)),
                new Case("PUBREL with every property", new PubRel(9, PubRelReasonCode.PACKET_IDENTIFIER_NOT_FOUND,
                        ACK_ALL)),
                new Case("PUBCOMP success", new PubComp(65_535)),
                new Case("PUBCOMP with every property",
                        new PubComp(9, PubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND, ACK_ALL)),
                new Case("SUBSCRIBE with every property and every option",
                        new Subscribe(65_535, List.of(new TopicSubscription("a/+/c", 0, false, false, 0),
                                new TopicSubscription("#", 1, true, false, 1),
                                new TopicSubscription("$share/g/" + TEMPERATURE, 2, false, true, 2),
                                new TopicSubscription(EMOJI, 2, true, true, 2)), 268_435_455, USER)),
                new Case("SUBSCRIBE bare", new Subscribe(1, List.of(TopicSubscription.of("t", 0)), null, List.of())),
                new Case("SUBACK with every property and every code",
                        new SubAck(65_535, List.of(SubAckReasonCode.values()), ACK_ALL)),
                new Case("SUBACK bare", new SubAck(1, List.of(SubAckReasonCode.GRANTED_QOS_1), AckProperties.EMPTY)),
                new Case("UNSUBSCRIBE with every property", new Unsubscribe(65_535, List.of("a/+", EMOJI), USER)),
                new Case("UNSUBACK with every property and every code",
                        new UnsubAck(65_535, List.of(UnsubAckReasonCode.values()), ACK_ALL)),
                new Case("UNSUBACK bare",
                        new UnsubAck(1, List.of(UnsubAckReasonCode.SUCCESS), AckProperties.EMPTY)),
                new Case("PINGREQ", PingReq.INSTANCE),
                new Case("PINGRESP", PingResp.INSTANCE),
                new Case("DISCONNECT normal", Disconnect.NORMAL),
                new Case("DISCONNECT reason only",
                        new Disconnect(DisconnectReasonCode.SESSION_TAKEN_OVER, DisconnectProperties.EMPTY)),
                new Case("DISCONNECT normal with a session expiry",
                        new Disconnect(DisconnectReasonCode.NORMAL_DISCONNECTION,
                                new DisconnectProperties(3_600L, null, List.of(), null))),
                new Case("DISCONNECT with every property",
                        new Disconnect(DisconnectReasonCode.SERVER_MOVED, DISCONNECT_ALL)),
                new Case("AUTH success, bare", new Auth(AuthReasonCode.SUCCESS, AuthProperties.EMPTY)),
                new Case("AUTH with every property", new Auth(AuthReasonCode.CONTINUE_AUTHENTICATION, AUTH_ALL)),
                new Case("AUTH re-authenticate, method only", new Auth(AuthReasonCode.RE_AUTHENTICATE,
                        new AuthProperties("SCRAM-SHA-256", null, null, List.of()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    @DisplayName("a 5.0 packet decodes to the record it was encoded from, and re-encodes to the same bytes")
    void roundTrips(Case c) throws Exception {
        roundTrip(c.packet(), V5);
    }

    @Test
    @DisplayName("[5.0 §2.1.2] every packet type of 5.0, AUTH included, has a round trip")
    void everyTypeCovered() {
        Set<PacketType> covered = packets().stream().map(c -> c.packet().type())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PacketType.class)));
        assertThat(covered).isEqualTo(EnumSet.allOf(PacketType.class));
    }

    @Test
    @DisplayName("[5.0 §2.2.2.2] the 'every property' fixtures leave no property out")
    void everyPropertyIsSet() {
        for (Object props : List.of(CONNECT_ALL, WILL_ALL, CONNACK_ALL, PUBLISH_ALL, ACK_ALL, DISCONNECT_ALL,
                AUTH_ALL)) {
            assertThat(props).as(props.getClass().getSimpleName()).hasNoNullFieldsOrProperties();
        }
        assertThat(PUBLISH_ALL.subscriptionIdentifiers()).hasSizeGreaterThan(1);
    }

    @Test
    @DisplayName("[5.0 §3.1.2.11.8] user properties keep their order, and the same name may appear more than once")
    void userPropertiesKeepOrderAndRepeats() throws Exception {
        Publish p = (Publish) roundTrip(new Publish("t", 0, false, false, 0, new byte[0], PUBLISH_ALL), V5);
        assertThat(p.properties().userProperties()).containsExactlyElementsOf(USER);
        Connect c = (Connect) roundTrip(packets().get(0).packet(), V5);
        assertThat(c.properties().userProperties()).containsExactlyElementsOf(USER);
        assertThat(c.will().properties().userProperties()).containsExactlyElementsOf(USER);
    }

    @Test
    @DisplayName("[5.0 §3.3.2.3.8] a PUBLISH matching several subscriptions carries several subscription identifiers")
    void severalSubscriptionIdentifiers() throws Exception {
        Publish p = (Publish) roundTrip(new Publish("t", 1, false, false, 5, utf8("v"), PUBLISH_ALL), V5);
        assertThat(p.properties().subscriptionIdentifiers())
                .containsExactly(1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455);
    }

    @Test
    @DisplayName("[5.0 §3.1.3] will properties, topic and payload survive beside the CONNECT properties")
    void willWithProperties() throws Exception {
        Connect c = (Connect) roundTrip(packets().get(0).packet(), V5);
        assertThat(c.will().topic()).isEqualTo(TEMPERATURE);
        assertThat(c.will().qos()).isEqualTo(1);
        assertThat(c.will().retain()).isTrue();
        assertThat(c.will().properties().willDelayInterval()).isEqualTo(30L);
        assertThat(c.will().properties().responseTopic()).isEqualTo("réponse/😀");
        assertThat(c.properties().receiveMaximum()).isEqualTo(20);
        assertThat(c.properties().authenticationData()).isEqualTo(DATA);
        assertThat(c.username()).isEqualTo("ünïcödé");
        assertThat(c.password()).isEqualTo(utf8("secret"));
    }

    @Test
    @DisplayName("[5.0 §1.5.5] the encoder refuses a Subscription Identifier a Variable Byte Integer cannot hold")
    void subscriptionIdentifierOutOfRange() {
        for (int id : new int[] {268_435_456, -1}) {
            assertThatIllegalArgumentException().isThrownBy(() -> MqttEncoder.encode(new Publish("t", 0, false,
                    false, 0, new byte[0], PublishProperties.EMPTY.withSubscriptionIdentifiers(List.of(id))), V5));
            assertThatIllegalArgumentException().isThrownBy(() -> MqttEncoder.encode(new Subscribe(1,
                    List.of(TopicSubscription.of("t", 0)), id, List.of()), V5));
        }
    }

    @Test
    @DisplayName("[5.0 §1.5.3] Four Byte Integers keep their full unsigned range")
    void unsignedFourByteIntegers() throws Exception {
        ConnAck c = (ConnAck) roundTrip(new ConnAck(true, ConnectReasonCode.SUCCESS, CONNACK_ALL), V5);
        assertThat(c.properties().sessionExpiryInterval()).isEqualTo(4_294_967_295L);
        assertThat(c.properties().maximumPacketSize()).isEqualTo(268_435_460L);
    }
}
