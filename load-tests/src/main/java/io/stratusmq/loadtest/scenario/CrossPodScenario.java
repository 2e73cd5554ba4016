package io.stratusmq.loadtest.scenario;

import io.stratusmq.loadtest.transport.BrokerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Pairwise traffic where every publisher is on one cluster node (--url) and every subscriber on another
 * (--sub-url), so each message crosses the cluster's inter-node path. Any scenario accepts --sub-url; this one
 * requires it.
 */
@Command(name = "cross-pod", mixinStandardHelpOptions = true,
        description = "N pairs, publishers on --url, subscribers on --sub-url (another node of the same cluster).")
public final class CrossPodScenario extends ScenarioCommand {

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "10", description = "Publisher/subscriber pairs. Default: ${DEFAULT-VALUE}.")
    int pairs;

    @Override
    protected String name() {
        return "cross-pod";
    }

    @Override
    protected void validate() {
        require(pairs >= 1, "--pairs must be >= 1");
        require(options.subscribeUrl != null, "cross-pod needs --sub-url (the node subscribers connect to)");
    }

    @Override
    protected Topology topology(String topicBase, BrokerAddress publishAt, BrokerAddress subscribeAt) {
        return PairwiseScenario.pairs(topicBase, pairs, publishAt, subscribeAt);
    }
}
