package io.stratusmq.loadtest.metrics;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads one counter from the Prometheus text endpoints of several brokers (the pods of a cluster) and sums it:
 * every series of that name, over every endpoint. Used at the two edges of the measurement window, so the
 * difference is what the brokers did inside it.
 *
 * <p>A reading is asynchronous: {@link #start()} sends the requests (in parallel) and returns at once, so a broker
 * slow to answer under load never delays the CPU samples or the run; {@link Reading#total()} collects the answers
 * later. Each broker reads its counter when it serves the request, so a slow answer shifts that edge: answers that
 * take longer than {@value #SLOW_MILLIS} ms are reported.
 */
public final class CounterScraper {
    /** StratusMQ's count of commands sent to Redis (README of the broker, "Operations"). */
    public static final String REDIS_COMMANDS = "stratus_redis_commands_total";

    static final long SLOW_MILLIS = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<URI> urls;
    private final String counter;
    private final PrintStream log;
    private final HttpClient client;

    public CounterScraper(List<String> urls, String counter, PrintStream log) {
        this.urls = urls.stream().map(URI::create).toList();
        this.counter = counter;
        this.log = log;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /** Null when there is nothing to scrape. */
    public static CounterScraper of(List<String> urls, String counter, PrintStream log) {
        return urls == null || urls.isEmpty() ? null : new CounterScraper(urls, counter, log);
    }

    /** Sends one request to every endpoint now; the answers are collected by {@link Reading#total()}. */
    public Reading start() {
        long sentNanos = System.nanoTime();
        List<CompletableFuture<Answer>> answers = new ArrayList<>(urls.size());
        for (URI url : urls) {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> new Answer(response, System.nanoTime() - sentNanos)));
        }
        return new Reading(answers);
    }

    private record Answer(HttpResponse<String> response, long nanos) {
    }

    /** The answers to one round of requests. */
    public final class Reading {
        private final List<CompletableFuture<Answer>> answers;

        private Reading(List<CompletableFuture<Answer>> answers) {
            this.answers = answers;
        }

        /**
         * The counter summed over every endpoint, or empty (after a warning) if any endpoint failed or lacks it.
         * Waits for answers still outstanding, at most the request timeout.
         */
        public OptionalDouble total() {
            double sum = 0;
            for (int i = 0; i < urls.size(); i++) {
                String problem;
                try {
                    Answer answer = answers.get(i).get(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
                    long millis = TimeUnit.NANOSECONDS.toMillis(answer.nanos());
                    if (millis > SLOW_MILLIS) {
                        log.printf("note: %s answered after %,d ms: the Redis command count is shifted by about"
                                + " that much%n", urls.get(i), millis);
                    }
                    HttpResponse<String> response = answer.response();
                    if (response.statusCode() == 200) {
                        OptionalDouble value = parse(response.body(), counter);
                        if (value.isPresent()) {
                            sum += value.getAsDouble();
                            continue;
                        }
                        problem = "no " + counter;
                    } else {
                        problem = "HTTP " + response.statusCode();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    problem = "interrupted";
                } catch (Exception e) {
                    problem = e.getCause() != null ? e.getCause().toString() : e.toString();
                }
                log.printf("warning: %s: %s; the Redis command count of this run is unknown%n", urls.get(i), problem);
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(sum);
        }
    }

    /**
     * Sums every sample of {@code name} in Prometheus text exposition format ({@code name 12} or
     * {@code name{label="v"} 12 [timestamp]}); empty when there is none or a value is not a number.
     */
    static OptionalDouble parse(String text, String name) {
        double sum = 0;
        boolean found = false;
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(name) || line.length() == name.length()) {
                continue;
            }
            char next = line.charAt(name.length());
            String rest;
            if (next == '{') {
                int close = line.lastIndexOf('}');
                if (close < 0) {
                    return OptionalDouble.empty();
                }
                rest = line.substring(close + 1).trim();
            } else if (next == ' ' || next == '\t') {
                rest = line.substring(name.length()).trim();
            } else {
                continue; // another metric whose name starts with this one
            }
            try {
                double value = Double.parseDouble(rest.split("\\s+")[0]);
                if (Double.isNaN(value) || Double.isInfinite(value)) {
                    return OptionalDouble.empty();
                }
                sum += value;
                found = true;
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }
}
