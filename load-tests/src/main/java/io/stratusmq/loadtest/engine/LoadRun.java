package io.stratusmq.loadtest.engine;

import io.stratusmq.loadtest.client.ConnectionSettings;
import io.stratusmq.loadtest.client.MqttConnection;
import io.stratusmq.loadtest.metrics.ConnectTimes;
import io.stratusmq.loadtest.metrics.DeliveryGroup;
import io.stratusmq.loadtest.metrics.DeliveryReport;
import io.stratusmq.loadtest.metrics.DeliveryVerifier;
import io.stratusmq.loadtest.metrics.Histograms;
import io.stratusmq.loadtest.metrics.LatencySummary;
import io.stratusmq.loadtest.metrics.MeasurementWindow;
import io.stratusmq.loadtest.metrics.CounterScraper;
import io.stratusmq.loadtest.metrics.ProcessGroup;
import io.stratusmq.loadtest.metrics.ProcessSample;
import io.stratusmq.loadtest.metrics.PublisherLedger;
import io.stratusmq.loadtest.metrics.ReceiveLogs;
import io.stratusmq.loadtest.metrics.RunCounters;
import io.stratusmq.loadtest.mqtt.PublishTemplate;
import io.stratusmq.loadtest.report.RunResult;
import io.stratusmq.loadtest.scenario.Topology;
import io.stratusmq.loadtest.transport.BrokerAddress;
import io.stratusmq.loadtest.transport.TransportConnector;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs one topology against a broker, start to finish:
 * <ol>
 *   <li>open subscriber connections (and subscribe), then publisher connections, spread over the event loops;</li>
 *   <li>publish for warm-up + duration seconds (see {@link Timeline});</li>
 *   <li>stop publishing, wait for deliveries still in transit, disconnect everything;</li>
 *   <li>verify delivery and summarise.</li>
 * </ol>
 * The calling thread is the controller; all MQTT work happens on the event loops.
 */
public final class LoadRun {
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int MAX_PACKET_BYTES = 1 << 20;
    private static final long BARRIER_TIMEOUT_MILLIS = 5_000;

    private final RunSettings settings;
    private final Topology topology;
    private final PrintStream log;
    private final ConnectTimes connectTimes = new ConnectTimes();
    private final String runId;
    private final int runToken;

    /** @param identity the identity the topology's topic names were built with */
    public LoadRun(RunSettings settings, Topology topology, RunIdentity identity, PrintStream log) {
        this.settings = settings;
        this.topology = topology;
        this.log = log;
        this.runToken = identity.token();
        this.runId = identity.id();
    }

    public RunResult execute() throws Exception {
        ProcessGroup broker = ProcessGroup.ofPids(settings.brokerPids());
        ProcessGroup redis = settings.redisPid() == null ? null : ProcessGroup.ofPids(List.of(settings.redisPid()));
        requireReadable(broker, "--broker-pid");
        requireReadable(redis, "--redis-pid");
        ProcessSample brokerInitial = broker == null ? null : broker.sample().orElseThrow(
                () -> new IllegalArgumentException("cannot read /proc/" + broker.pids() + " (--broker-pid)"));
        CounterScraper redisCommands = CounterScraper.of(settings.metricsUrls(), CounterScraper.REDIS_COMMANDS, log);
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(settings.eventLoops())
                .setPreferNativeTransport(settings.nativeTransport()));
        try {
            log.printf("stratusmq-loadtest %s: run %s, %d publishers, %d subscribers, %d event loops, %s%n",
                    settings.scenario(), runId, topology.publishers().size(), topology.subscribers().size(),
                    settings.eventLoops(), vertx.isNativeTransportEnabled() ? "epoll" : "NIO");
            return run(vertx, broker, redis, new WindowSampler(broker, brokerInitial, redis, redisCommands));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void requireReadable(ProcessGroup group, String option) {
        if (group != null) {
            group.unreadable().ifPresent(pid -> {
                throw new IllegalArgumentException("cannot read /proc/" + pid + " (" + option + ")");
            });
        }
    }

    private RunResult run(Vertx vertx, ProcessGroup broker, ProcessGroup redis, WindowSampler sampler)
            throws Exception {
        EventLoopPool pool = EventLoopPool.create(vertx, settings.eventLoops());
        RunCounters counters = new RunCounters(pool.loops().stream().map(EventLoopPool.Loop::counters).toList());
        TransportConnector connector = new TransportConnector(vertx, settings.connectTimeoutMillis(), MAX_PACKET_BYTES);
        ConnectionOpener opener = new ConnectionOpener(settings.connectConcurrency(), settings.connectTimeoutMillis());

        long connectStart = System.nanoTime();
        List<Opened> subscribers = opener.openAll(topology.subscribers().size(), i -> {
            Topology.SubscriberSpec spec = topology.subscribers().get(i);
            EventLoopPool.Loop loop = topology.subscriberAlsoPublishes(i) ? pool.nextForClient()
                    : pool.nextForSubscriber();
            return open(vertx, connector, counters, loop, spec.address(), "s" + i, spec.topicFilter());
        });
        List<Opened> publishers = opener.openAll(topology.publishers().size(), i -> {
            Topology.PublisherSpec spec = topology.publishers().get(i);
            return spec.ownConnection()
                    ? open(vertx, connector, counters, pool.nextForPublisher(), spec.address(), "p" + i, null)
                    : Future.succeededFuture(subscribers.get(spec.subscriberConnection()));
        });
        long connectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectStart);
        log.printf("connected %,d clients in %,d ms%n", topology.connections(), connectMillis);

        long startNanos = System.nanoTime() + START_DELAY_NANOS;
        MeasurementWindow window = new MeasurementWindow(
                startNanos + TimeUnit.SECONDS.toNanos(settings.warmupSeconds()),
                startNanos + TimeUnit.SECONDS.toNanos(settings.warmupSeconds() + settings.durationSeconds()));
        List<SubscriberAgent> subscriberAgents = createSubscribers(subscribers, window);
        List<PublisherAgent> publisherAgents = createPublishers(publishers, window);
        pool.barrier(BARRIER_TIMEOUT_MILLIS); // publishes the agents' construction to their loops
        startPublishers(publishers, publisherAgents, startNanos, window);

        Timeline timeline = new Timeline(settings, counters, log);
        ProgressMonitor progress = settings.progress()
                ? new ProgressMonitor(log, counters, pool.loops(), broker, redis, settings.qos() > 0) : null;
        timeline.follow(startNanos, sampler, progress);
        timeline.drain(window, topology.deliveriesPerMessage());

        closeAll(subscribers, publishers);
        pool.barrier(BARRIER_TIMEOUT_MILLIS); // makes every loop's final state visible here
        return summarise(pool, counters, subscriberAgents, publisherAgents, window, connectMillis, sampler);
    }

    // ---- connections ------------------------------------------------------------------------

    /** A connection and the loop it lives on. */
    private record Opened(MqttConnection connection, EventLoopPool.Loop loop) {
    }

    private Future<Opened> open(Vertx vertx, TransportConnector connector, RunCounters counters,
                                EventLoopPool.Loop loop, BrokerAddress address, String role, String subscribeFilter) {
        Promise<Opened> promise = Promise.promise();
        String clientId = "lt-" + runId + "-" + role;
        ConnectionSettings connectionSettings = new ConnectionSettings(settings.version(), clientId,
                settings.keepAliveSeconds(), 0, MAX_PACKET_BYTES, settings.connectTimeoutMillis());
        MqttConnection.ConnectionObserver observer = new MqttConnection.ConnectionObserver() {
            @Override
            public void onPingRoundTrip(long nanos) {
                loop.metrics().recordPingRoundTrip(nanos);
            }

            @Override
            public void onUnexpectedClose(String reason) {
                counters.unexpectedClose(reason);
            }
        };
        loop.context().runOnContext(ignored -> {
            long begin = System.nanoTime();
            MqttConnection connection = new MqttConnection(vertx, connector, address, connectionSettings, observer);
            Future<?> ready = connection.connect().compose(connAck -> connAck.maximumQos() >= settings.qos()
                    ? Future.succeededFuture(connAck)
                    : Future.failedFuture("broker supports QoS " + connAck.maximumQos() + " at most (Maximum QoS)"));
            if (subscribeFilter != null) {
                ready = ready.compose(connAck -> connection.subscribe(subscribeFilter, settings.qos()));
            }
            ready.onSuccess(done -> {
                connectTimes.record(System.nanoTime() - begin);
                promise.complete(new Opened(connection, loop));
            }).onFailure(error -> {
                connection.disconnect();
                promise.fail(clientId + " -> " + address + ": " + error.getMessage());
            });
        });
        return promise.future();
    }

    private List<SubscriberAgent> createSubscribers(List<Opened> opened, MeasurementWindow window) {
        List<SubscriberAgent> agents = new ArrayList<>(opened.size());
        for (int i = 0; i < opened.size(); i++) {
            Topology.SubscriberSpec spec = topology.subscribers().get(i);
            EventLoopPool.Loop loop = opened.get(i).loop();
            agents.add(new SubscriberAgent(runToken, opened.get(i).connection(),
                    new ReceiveLogs(spec.firstPublisher(), spec.publisherCount()), loop.metrics(), window,
                    loop.counters()));
        }
        return agents;
    }

    private List<PublisherAgent> createPublishers(List<Opened> opened, MeasurementWindow window) {
        List<PublisherAgent> agents = new ArrayList<>(opened.size());
        for (int i = 0; i < opened.size(); i++) {
            Topology.PublisherSpec spec = topology.publishers().get(i);
            EventLoopPool.Loop loop = opened.get(i).loop();
            PublishTemplate template = new PublishTemplate(settings.version(), spec.topic(), settings.qos(), false,
                    settings.payloadSize());
            agents.add(new PublisherAgent(spec.id(), runToken, opened.get(i).connection(), template,
                    settings.maxInflight(), settings.flushPerMessage(), loop.scheduler(), window, loop.counters()));
        }
        return agents;
    }

    /** Paced publishers are phase-shifted by 1/rate each so that the combined stream is evenly spaced. */
    private void startPublishers(List<Opened> opened, List<PublisherAgent> agents, long startNanos,
                                 MeasurementWindow window) {
        int count = agents.size();
        for (int i = 0; i < count; i++) {
            SendSchedule schedule = settings.rate() > 0
                    ? SendSchedule.paced(startNanos + (long) (i * 1e9 / settings.rate()), settings.rate() / count)
                    : SendSchedule.unpaced(startNanos);
            PublisherAgent agent = agents.get(i);
            opened.get(i).loop().context().runOnContext(ignored -> agent.start(schedule, window.endNanos()));
        }
    }

    private void closeAll(List<Opened> subscribers, List<Opened> publishers) {
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        Set<Opened> seen = Collections.newSetFromMap(new IdentityHashMap<>()); // a client may be both
        for (List<Opened> group : List.of(publishers, subscribers)) {
            for (Opened o : group) {
                if (!seen.add(o)) {
                    continue;
                }
                CompletableFuture<Void> done = new CompletableFuture<>();
                o.loop().context().runOnContext(ignored ->
                        o.connection().disconnect().onComplete(outcome -> done.complete(null)));
                closed.add(done);
            }
        }
        try {
            CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.println("warning: not every connection closed within 10 s");
        }
    }

    // ---- results ----------------------------------------------------------------------------

    private RunResult summarise(EventLoopPool pool, RunCounters counters, List<SubscriberAgent> subscribers,
                                List<PublisherAgent> publishers, MeasurementWindow window, long connectMillis,
                                WindowSampler sampler) {
        PublisherLedger[] ledgers = publishers.stream().map(PublisherAgent::ledger).toArray(PublisherLedger[]::new);
        List<DeliveryGroup> groups = new ArrayList<>();
        for (Topology.GroupSpec spec : topology.groups()) {
            List<ReceiveLogs> members = new ArrayList<>();
            for (int id : spec.subscriberIds()) {
                members.add(subscribers.get(id).logs());
            }
            groups.add(new DeliveryGroup(members, spec.publisherIds()));
        }
        DeliveryReport delivery = new DeliveryVerifier(settings.qos(), ledgers).verify(groups);

        long windowSent = 0;
        for (PublisherLedger ledger : ledgers) {
            windowSent += ledger.sentInWindow();
        }
        long windowDelivered = 0;
        for (EventLoopPool.Loop loop : pool.loops()) {
            windowDelivered += loop.metrics().windowDeliveries();
        }
        return new RunResult(settings, runId, transportLabel(), publishers.size(), subscribers.size(),
                topology.connections(), window.seconds(), windowSent, windowDelivered, delivery,
                merged(pool, loop -> loop.metrics().latency()),
                merged(pool, loop -> loop.metrics().serviceLatency()),
                connectTimes.summary(), connectMillis,
                merged(pool, loop -> loop.metrics().pingRoundTrip()),
                sampler.broker(), sampler.redis(), sampler.redisCommands(), sampler.generator(),
                sampler.hostBusyNanos(),
                counters.foreign(), counters.unexpectedCloseCount(), counters.firstError());
    }

    private String transportLabel() {
        if (!topology.subscribers().isEmpty()) {
            return topology.subscribers().get(0).address().kind().label();
        }
        return topology.publishers().isEmpty() ? "none" : topology.publishers().get(0).address().kind().label();
    }

    private static LatencySummary merged(EventLoopPool pool, Function<EventLoopPool.Loop, Histogram> histogram) {
        Histogram sum = Histograms.newMicros();
        for (EventLoopPool.Loop loop : pool.loops()) {
            sum.add(histogram.apply(loop));
        }
        return LatencySummary.of(sum);
    }
}
