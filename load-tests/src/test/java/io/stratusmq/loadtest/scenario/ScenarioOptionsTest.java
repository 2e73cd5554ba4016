package io.stratusmq.loadtest.scenario;

import io.stratusmq.loadtest.engine.RunSettings;
import io.stratusmq.loadtest.transport.BrokerAddress;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioOptionsTest {
    private static final String URL = "ws://127.0.0.1:1883/mqtt";

    @Test
    void brokerPidsAreCommaSeparatedOrRepeated() {
        FanInScenario scenario = new FanInScenario();
        new CommandLine(scenario).parseArgs("--url", URL, "--broker-pid", "11,12", "--broker-pid", "13",
                "--redis-pid", "20", "--metrics-url", "http://127.0.0.1:1/q/metrics,http://127.0.0.1:2/q/metrics");
        scenario.options.validate();
        RunSettings settings = scenario.options.toSettings("fan-in");
        assertEquals(List.of(11L, 12L, 13L), settings.brokerPids());
        assertEquals(20L, settings.redisPid());
        assertEquals(List.of("http://127.0.0.1:1/q/metrics", "http://127.0.0.1:2/q/metrics"), settings.metricsUrls());
    }

    @Test
    void withoutThemNothingIsObserved() {
        FanInScenario scenario = new FanInScenario();
        new CommandLine(scenario).parseArgs("--url", URL);
        RunSettings settings = scenario.options.toSettings("fan-in");
        assertEquals(List.of(), settings.brokerPids());
        assertNull(settings.redisPid());
        assertEquals(List.of(), settings.metricsUrls());
    }

    @Test
    void metricsUrlsMustBeHttp() {
        FanInScenario scenario = new FanInScenario();
        new CommandLine(scenario).parseArgs("--url", URL, "--metrics-url", "127.0.0.1:1/q/metrics");
        assertThrows(IllegalArgumentException.class, scenario.options::validate);
    }

    @Test
    void bidirectionalPairsAreClientsThatPublishAndSubscribe() {
        BrokerAddress address = BrokerAddress.parse(URL);
        Topology topology = PairwiseScenario.bidirectionalPairs("t", 100, address, address);
        assertEquals(200, topology.publishers().size());
        assertEquals(200, topology.subscribers().size());
        assertEquals(200, topology.connections());
        assertEquals(1.0, topology.deliveriesPerMessage());
        Set<String> published = new HashSet<>();
        for (int c = 0; c < 200; c++) {
            Topology.PublisherSpec publisher = topology.publishers().get(c);
            Topology.SubscriberSpec subscriber = topology.subscribers().get(c);
            assertEquals(c, publisher.subscriberConnection(), "client c publishes on its own subscriber connection");
            assertEquals("t/" + c, publisher.topic());
            assertEquals("t/" + (c ^ 1), subscriber.topicFilter(), "and is subscribed to its partner's topic");
            assertEquals(c ^ 1, subscriber.firstPublisher());
            assertEquals(1, subscriber.publisherCount());
            assertTrue(published.add(publisher.topic()));
        }
    }

    @Test
    void bidirectionalPartnersAcrossTwoNodes() {
        BrokerAddress one = BrokerAddress.parse(URL);
        BrokerAddress two = BrokerAddress.parse("ws://127.0.0.1:1884/mqtt");
        Topology topology = PairwiseScenario.bidirectionalPairs("t", 3, one, two);
        for (int c = 0; c < 6; c++) {
            BrokerAddress expected = c % 2 == 0 ? one : two;
            assertEquals(expected, topology.subscribers().get(c).address());
            assertEquals(expected, topology.publishers().get(c).address(), "a client publishes where it subscribes");
        }
    }

    @Test
    void plainPairsHaveSeparateConnections() {
        BrokerAddress address = BrokerAddress.parse(URL);
        Topology topology = PairwiseScenario.pairs("t", 100, address, address);
        assertEquals(200, topology.connections());
        assertEquals(100, topology.publishers().size());
        assertTrue(topology.publishers().get(0).ownConnection());
        assertFalse(topology.subscriberAlsoPublishes(0));
    }
}
