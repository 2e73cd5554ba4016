package io.stratusmq.loadtest.scenario;

import io.stratusmq.loadtest.transport.BrokerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * N publishers, one topic, M subscribers in one shared subscription ({@code $share/GROUP/topic}): each message
 * must reach exactly one member. Duplicates across members count as duplicated; out-of-order is per member.
 */
@Command(name = "shared", mixinStandardHelpOptions = true,
        description = "N publishers -> M subscribers sharing one $share/GROUP/topic subscription.")
public final class SharedScenario extends ScenarioCommand {

    @Option(names = "--publishers", paramLabel = "N", defaultValue = "10", description = "Publishing connections. Default: ${DEFAULT-VALUE}.")
    int publishers;

    @Option(names = "--subscribers", paramLabel = "N", defaultValue = "4", description = "Members of the shared subscription. Default: ${DEFAULT-VALUE}.")
    int subscribers;

    @Option(names = "--group", defaultValue = "lt", description = "Share name. Default: ${DEFAULT-VALUE}.")
    String group;

    @Override
    protected String name() {
        return "shared";
    }

    @Override
    protected void validate() {
        require(publishers >= 1, "--publishers must be >= 1");
        require(subscribers >= 1, "--subscribers must be >= 1");
        require(!group.isEmpty() && group.chars().noneMatch(c -> c == '/' || c == '+' || c == '#'),
                "--group must be a non-empty name without / + #");
    }

    @Override
    protected Topology topology(String topicBase, BrokerAddress publishAt, BrokerAddress subscribeAt) {
        Topology topology = new Topology();
        String topic = topicBase + "/t";
        for (int i = 0; i < publishers; i++) {
            topology.addPublisher(publishAt, topic);
        }
        int[] members = new int[subscribers];
        for (int i = 0; i < subscribers; i++) {
            members[i] = topology.addSubscriber(subscribeAt, "$share/" + group + "/" + topic, 0, publishers);
        }
        topology.addGroup(members, Topology.range(0, publishers));
        return topology;
    }
}
