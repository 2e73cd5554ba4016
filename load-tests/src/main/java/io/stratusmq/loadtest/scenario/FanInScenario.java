package io.stratusmq.loadtest.scenario;

import io.stratusmq.loadtest.transport.BrokerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** N publishers, one topic, one subscriber: the broker's inbound path and a single hot outbound connection. */
@Command(name = "fan-in", mixinStandardHelpOptions = true,
        description = "N publishers -> 1 subscriber on one topic.")
public final class FanInScenario extends ScenarioCommand {

    @Option(names = "--publishers", paramLabel = "N", defaultValue = "10", description = "Publishing connections. Default: ${DEFAULT-VALUE}.")
    int publishers;

    @Override
    protected String name() {
        return "fan-in";
    }

    @Override
    protected void validate() {
        require(publishers >= 1, "--publishers must be >= 1");
    }

    @Override
    protected Topology topology(String topicBase, BrokerAddress publishAt, BrokerAddress subscribeAt) {
        Topology topology = new Topology();
        String topic = topicBase + "/t";
        for (int i = 0; i < publishers; i++) {
            topology.addPublisher(publishAt, topic);
        }
        int subscriber = topology.addSubscriber(subscribeAt, topic, 0, publishers);
        topology.addGroup(new int[] {subscriber}, Topology.range(0, publishers));
        return topology;
    }
}
