package io.stratusmq.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterCoverageTest {

    private static String[] l(String filter) {
        return FilterCoverage.levels(filter);
    }

    private static List<String[]> grants(String spaceSeparated) {
        return spaceSeparated.isEmpty() ? List.of()
                : Arrays.stream(spaceSeparated.split(" ")).map(FilterCoverage::levels).toList();
    }

    @ParameterizedTest(name = "{0} and {1}: {2}")
    @CsvSource({
        "a/b, a/b, true",
        "a/b, a/c, false",
        "a/+, a/b, true",
        "a/+, +/b, true",
        "a/+, a/b/c, false",
        "a/#, a, true", // [MQTT-4.7.1-2] '#' also matches the parent level
        "a/#, a/b/c, true",
        "a/#, b/#, false",
        "#, a/b, true",
        "+, a/b, false",
        "+/+, /x, true", // [MQTT-4.7.1-3] '+' matches an empty level
        "a/+/c, a/b/+, true",
        "a/+/c, a/b/d, false",
        "#, $SYS/x, false", // [MQTT-4.7.2-1] wildcards at the first level never match '$' names
        "+/x, $SYS/x, false",
        "$SYS/#, $SYS/x, true",
        "$SYS/+, $SYS/#, true",
        "a/$x, +/$x, true"}) // '$' only matters at the first level
    @DisplayName("overlaps: some topic name matches both filters [MQTT-4.7.1], [MQTT-4.7.2-1]")
    void overlaps(String a, String b, boolean expected) {
        assertThat(FilterCoverage.overlaps(l(a), l(b))).isEqualTo(expected);
        assertThat(FilterCoverage.overlaps(l(b), l(a))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] cover {1}: {2}")
    @CsvSource({
        // the examples of the subscribe rule
        "a/#, a/+, true",
        "a/#, #, false",
        "a/#, a/#, true",
        "a/#, a, true",
        "a/#, +/b, false",
        "a/+, a/#, false", // a/# also matches a and a/b/c
        "a/+, a/+, true",
        "a/+, a/b, true",
        "a/+, a/b/c, false",
        "a/b, a/+, false",
        "a/b, a/b, true",
        "'', a, false",
        // several grants together
        "a a/+/#, a/#, true",
        "a/+/# a, a/#, true",
        "a/+, a/#, false",
        "a/b a/+/#, a/+, true", // a/+/# matches a/x: '#' takes the parent level
        "a/b a/+/+/#, a/+, false",
        "a/x a/y, a/+, false",
        "+ +/#, #, true",
        "+/# a, #, true", // '+/#' matches every name with at least one level: all names '#' matches
        "+/b +/c, +/+, false",
        "+/+ a/b/#, a/+/#, false",
        "+/+/# +, #, true",
        // empty levels: '+' takes them, a literal only its own
        "/a, +/a, false",
        "+/a, /a, true",
        "a/+/b, a//b, true",
        // [MQTT-4.7.2-1] '$' names: wildcard filters never match them, wildcard grants never give them
        "#, $SYS/x, false",
        "+/x, $SYS/x, false",
        "$SYS/#, $SYS/broker/load, true",
        "$SYS/#, #, false",
        "# $SYS/#, #, true",
        "#, #, true",
        "#, +/+, true",
        "$SYS/#, +/x, false"})
    @DisplayName("covers: every topic name the filter matches is matched by some grant")
    void covers(String grants, String filter, boolean expected) {
        assertThat(FilterCoverage.covers(grants(grants), l(filter))).isEqualTo(expected);
    }

    @Test
    @DisplayName("a filter that would take too long to decide is refused: the budget answers false, fast")
    void budget() {
        // at each of 12 levels five grants name a literal and are '+' elsewhere: 6^12 branches to explore
        List<String[]> grants = new java.util.ArrayList<>();
        for (int level = 0; level < 12; level++) {
            for (int k = 0; k < 5; k++) {
                String[] g = l(String.join("/", java.util.Collections.nCopies(12, "+")));
                g[level] = "v" + level + "x" + k;
                grants.add(g);
            }
        }
        grants.add(l(String.join("/", java.util.Collections.nCopies(12, "+")))); // so the true answer is yes
        String[] filter = l(String.join("/", java.util.Collections.nCopies(12, "+")));
        long start = System.nanoTime();
        assertThat(FilterCoverage.covers(grants, filter)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(500_000_000L);
        assertThat(FilterCoverage.covers(grants.subList(grants.size() - 1, grants.size()), filter)).isTrue();
    }
}
