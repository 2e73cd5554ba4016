package io.stratusmq.loadtest.scenario;

import io.stratusmq.loadtest.engine.LoadRun;
import io.stratusmq.loadtest.engine.RunIdentity;
import io.stratusmq.loadtest.engine.RunSettings;
import io.stratusmq.loadtest.report.ResultJson;
import io.stratusmq.loadtest.report.RunResult;
import io.stratusmq.loadtest.report.SummaryPrinter;
import io.stratusmq.loadtest.transport.BrokerAddress;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * Base of every scenario subcommand: parses the common options, asks the subclass for a {@link Topology},
 * runs it, prints the human summary to stderr and the JSON line to stdout.
 *
 * <p>To add a scenario: subclass, annotate with {@code @Command(name = ...)}, add its own options, implement
 * {@link #topology}, and register it in {@code LoadTest}.
 */
public abstract class ScenarioCommand implements Callable<Integer> {
    /** Exit status when the run completed but delivery verification failed and --fail-on-anomaly was given. */
    public static final int EXIT_ANOMALY = 3;

    @Mixin
    protected RunOptions options;

    /** The subcommand name, also reported as "scenario". */
    protected abstract String name();

    /**
     * Builds the topology.
     *
     * @param topicBase     {@code <prefix>/<run id>/<scenario>}: every topic of the run starts with it
     * @param publishAt     where publishers connect
     * @param subscribeAt   where subscribers connect
     */
    protected abstract Topology topology(String topicBase, BrokerAddress publishAt, BrokerAddress subscribeAt);

    /** Scenario-specific option checks; throw IllegalArgumentException. */
    protected void validate() {
    }

    @Override
    public Integer call() throws Exception {
        options.validate();
        validate();
        BrokerAddress publishAt = BrokerAddress.parse(options.url);
        BrokerAddress subscribeAt = BrokerAddress.parse(options.effectiveSubscribeUrl());
        RunIdentity identity = RunIdentity.random();
        Topology topology = topology(options.topicPrefix + "/" + identity.id() + "/" + name(), publishAt, subscribeAt);
        RunSettings settings = options.toSettings(name());
        RunResult result = new LoadRun(settings, topology, identity, System.err).execute();
        new SummaryPrinter(System.err).print(result);
        System.out.println(ResultJson.format(result));
        System.out.flush();
        return options.failOnAnomaly && !result.clean() ? EXIT_ANOMALY : 0;
    }

    protected static void require(boolean condition, String message) {
        RunOptions.require(condition, message);
    }
}
