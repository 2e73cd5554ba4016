package io.stratusmq.loadtest.scenario;

import io.stratusmq.loadtest.transport.BrokerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Few publishers, one topic, many subscribers: every message is delivered to every subscriber. */
@Command(name = "fan-out", mixinStandardHelpOptions = true,
        description = "1 publisher (or a few) -> N subscribers on one topic; --rate is the PUBLISH rate, deliveries are N times that.")
public final class FanOutScenario extends ScenarioCommand {

    @Option(names = "--publishers", paramLabel = "N", defaultValue = "1", description = "Publishing connections. Default: ${DEFAULT-VALUE}.")
    int publishers;

    @Option(names = "--subscribers", paramLabel = "N", defaultValue = "10", description = "Subscribing connections. Default: ${DEFAULT-VALUE}.")
    int subscribers;

    @Override
    protected String name() {
        return "fan-out";
    }

    @Override
    protected void validate() {
        require(publishers >= 1, "--publishers must be >= 1");
        require(subscribers >= 1, "--subscribers must be >= 1");
    }

    @Override
    protected Topology topology(String topicBase, BrokerAddress publishAt, BrokerAddress subscribeAt) {
        Topology topology = new Topology();
        String topic = topicBase + "/t";
        for (int i = 0; i < publishers; i++) {
            topology.addPublisher(publishAt, topic);
        }
        int[] all = Topology.range(0, publishers);
        for (int i = 0; i < subscribers; i++) {
            int subscriber = topology.addSubscriber(subscribeAt, topic, 0, publishers);
            topology.addGroup(new int[] {subscriber}, all);
        }
        return topology;
    }
}
