package io.stratusmq.loadtest.scenario;

import io.stratusmq.loadtest.transport.BrokerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * N independent pairs, one topic per publisher: many topics, no fan-in or fan-out.
 *
 * <p>By default a pair is two connections, a publisher and a subscriber. With {@code --bidirectional} a pair is
 * two clients that each publish on their own topic and subscribe to their partner's, on one connection each
 * (2N clients, 2N publishers): the shape of chat-like or device-to-device traffic. With a {@code --sub-url} other
 * than {@code --url}, the first client of each pair connects to {@code --url} and the second to {@code --sub-url},
 * so every message crosses between the two nodes.
 */
@Command(name = "pairwise", mixinStandardHelpOptions = true,
        description = "N pairs: publisher i -> subscriber i on topic i; --rate is the total over all publishers."
                + " With --bidirectional: 2N clients, each publishing on its topic and subscribed to its partner's;"
                + " with --sub-url, partners are on different nodes.")
public final class PairwiseScenario extends ScenarioCommand {

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "100", description = "Pairs. Default: ${DEFAULT-VALUE}.")
    int pairs;

    @Option(names = "--bidirectional",
            description = "Each pair is two clients, each publishing on its own topic and subscribed to the other's, on"
                    + " one connection per client: 2N connections, 2N publishers (client 2k <-> client 2k+1)."
                    + " Client 2k connects to --url, client 2k+1 to --sub-url.")
    boolean bidirectional;

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
        if (bidirectional) {
            return bidirectionalPairs(topicBase, pairs, publishAt, subscribeAt);
        }
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

    /**
     * 2N clients: client c subscribes to {@code <base>/<partner>} and publishes on {@code <base>/<c>}, where the
     * partner of c is {@code c xor 1}. Client c is subscriber c and publisher c. Even clients connect to
     * {@code first}, odd ones to {@code second}.
     */
    static Topology bidirectionalPairs(String topicBase, int pairs, BrokerAddress first, BrokerAddress second) {
        Topology topology = new Topology();
        int clients = 2 * pairs;
        for (int c = 0; c < clients; c++) {
            int partner = c ^ 1;
            BrokerAddress address = c % 2 == 0 ? first : second;
            int subscriber = topology.addSubscriber(address, topicBase + "/" + partner, partner, 1);
            topology.addGroup(new int[] {subscriber}, new int[] {partner});
        }
        for (int c = 0; c < clients; c++) {
            topology.addPublisherOnSubscriber(c, topicBase + "/" + c);
        }
        return topology;
    }
}
