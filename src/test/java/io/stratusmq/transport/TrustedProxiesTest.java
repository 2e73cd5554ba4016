package io.stratusmq.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustedProxiesTest {

    private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "127.0.0.1", "fd00::/8"));

    @ParameterizedTest(name = "{0} trusted: {1}")
    @CsvSource({"10.1.2.3, true", "11.0.0.1, false", "127.0.0.1, true", "127.0.0.2, false", "fd12::1, true",
            "fe80::1, false", "not-an-ip, false"})
    @DisplayName("addresses and CIDR blocks decide who is a trusted proxy; names are never looked up")
    void trusts(String host, boolean trusted) {
        assertThat(proxies.trusts(host)).isEqualTo(trusted);
    }

    @Test
    @DisplayName("an untrusted peer's X-Forwarded-For is ignored: the peer is the client")
    void untrustedPeer() {
        assertThat(proxies.clientAddress("198.51.100.9", "203.0.113.7")).isEqualTo("198.51.100.9");
    }

    @Test
    @DisplayName("from a trusted peer, the right-most untrusted hop of X-Forwarded-For is the client")
    void chain() {
        assertThat(proxies.clientAddress("10.0.0.5", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(proxies.clientAddress("10.0.0.5", "198.51.100.1, 203.0.113.7, 10.2.2.2"))
                .isEqualTo("203.0.113.7"); // the left-most entry could be forged by the client
        assertThat(proxies.clientAddress("10.0.0.5", null)).isEqualTo("10.0.0.5");
    }

    @Test
    @DisplayName("a bad entry is a one-line configuration error")
    void badEntry() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33")))
                .hasMessage("stratus.proxy.trusted: bad prefix length in 10.0.0.0/33");
        assertThatThrownBy(() -> new TrustedProxies(List.of("proxy.example.com")))
                .hasMessage("stratus.proxy.trusted: not an IP address or CIDR block: proxy.example.com");
    }

    @Test
    void hostOfAddress() {
        assertThat(TrustedProxies.host("127.0.0.1:5000")).isEqualTo("127.0.0.1");
        assertThat(TrustedProxies.host("[::1]:5000")).isEqualTo("::1");
        assertThat(TrustedProxies.host("::1")).isEqualTo("::1");
    }
}
