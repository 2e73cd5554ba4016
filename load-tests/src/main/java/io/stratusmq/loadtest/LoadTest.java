package io.stratusmq.loadtest;

import io.stratusmq.loadtest.engine.RunSetupException;
import io.stratusmq.loadtest.scenario.CrossPodScenario;
import io.stratusmq.loadtest.scenario.FanInScenario;
import io.stratusmq.loadtest.scenario.FanOutScenario;
import io.stratusmq.loadtest.scenario.IdleConnectionsScenario;
import io.stratusmq.loadtest.scenario.PairwiseScenario;
import io.stratusmq.loadtest.scenario.SharedScenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the MQTT load generator. Each scenario is a subcommand; progress and a human summary go to
 * stderr, one JSON result line to stdout.
 */
@Command(name = "stratusmq-loadtest", mixinStandardHelpOptions = true, version = "stratusmq-loadtest 0.1.0",
        description = "MQTT 3.1.1/5.0 load generator over WebSocket and TCP, with delivery verification.",
        subcommands = {
                FanInScenario.class,
                FanOutScenario.class,
                PairwiseScenario.class,
                SharedScenario.class,
                IdleConnectionsScenario.class,
                CrossPodScenario.class
        })
public final class LoadTest implements Runnable {
    /** Exit status for invalid options or a run that could not be set up. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new LoadTest())
                .setExecutionExceptionHandler((error, command, parsed) -> {
                    String message = error.getMessage() == null ? error.toString() : error.getMessage();
                    command.getErr().println("error: " + message);
                    if (!(error instanceof IllegalArgumentException || error instanceof RunSetupException)) {
                        error.printStackTrace(command.getErr());
                    }
                    return EXIT_USAGE;
                });
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a scenario");
    }
}
