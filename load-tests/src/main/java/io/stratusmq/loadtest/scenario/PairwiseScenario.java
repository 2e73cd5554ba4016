package io.stratusmq.loadtest.scenario;

import io.stratusmq.loadtest.transport.BrokerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** N independent publisher/subscriber pairs, one topic each: many topics, no fan-in or fan-out. */
@Command(name = "pairwise", mixinStandardHelpOptions = true,
        description = "N pairs: publisher i -> subscriber i on topic i; --rate is the total over all pairs.")
public final class PairwiseScenario extends ScenarioCommand {

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "100", description = "Publisher/subscriber pairs. Default: ${DEFAULT-VALUE}.")
    int pairs;

    @Override
    protected String name() {
        return "pairwise";
    }

    @Override
    protected void validate() {
        require(pairs >= 1, "--pairs must be >= 1");
    }

    @Override
    protected Topology topology(String topicBase, BrokerAddress publishAt, BrokerAddress subscribeAt) {
        return pairs(topicBase, pairs, publishAt, subscribeAt);
    }

    /** Publisher i on {@code publishAt} -> subscriber i on {@code subscribeAt}, topic {@code <base>/<i>}. */
    static Topology pairs(String topicBase, int pairs, BrokerAddress publishAt, BrokerAddress subscribeAt) {
        Topology topology = new Topology();
        for (int i = 0; i < pairs; i++) {
            topology.addPublisher(publishAt, topicBase + "/" + i);
        }
        for (int i = 0; i < pairs; i++) {
            int subscriber = topology.addSubscriber(subscribeAt, topicBase + "/" + i, i, 1);
            topology.addGroup(new int[] {subscriber}, new int[] {i});
        }
        return topology;
    }
}
