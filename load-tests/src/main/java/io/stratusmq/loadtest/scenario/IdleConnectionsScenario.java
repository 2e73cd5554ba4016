package io.stratusmq.loadtest.scenario;

import io.stratusmq.loadtest.transport.BrokerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Many connections, each subscribed to its own topic, doing nothing but keep-alive pings. Measures connection
 * set-up time, broker memory per connection and broker CPU while idle. No messages are published.
 */
@Command(name = "idle-connections", mixinStandardHelpOptions = true,
        description = "N connections, one subscription each, only keep-alive traffic (--rate is ignored).")
public final class IdleConnectionsScenario extends ScenarioCommand {

    @Option(names = "--connections", paramLabel = "N", defaultValue = "1000", description = "Connections to hold open. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Override
    protected String name() {
        return "idle-connections";
    }

    @Override
    protected void validate() {
        require(connections >= 1, "--connections must be >= 1");
    }

    @Override
    protected Topology topology(String topicBase, BrokerAddress publishAt, BrokerAddress subscribeAt) {
        Topology topology = new Topology();
        for (int i = 0; i < connections; i++) {
            topology.addSubscriber(subscribeAt, topicBase + "/" + i, 0, 0);
        }
        return topology;
    }
}
