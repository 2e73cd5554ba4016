package io.stratusmq.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratusmq.testing.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random-packet fuzzing of the decoder and of the connection state machine ({@link PacketGenerator},
 * {@link FuzzTargets}), for a bounded time ({@code -Dstratus.fuzz.seconds}, 8 s by default), and the replay of
 * every input kept in src/test/resources/fuzz/. A failing input is written to target/fuzz-failures/ with its seed;
 * keep it under src/test/resources/fuzz/ once fixed.
 */
class SeededFuzzTest {

    private static final Path CORPUS = Path.of("src/test/resources/fuzz");
    private static final long SECONDS = Long.getLong("stratus.fuzz.seconds", 8);

    @Test
    @DisplayName("Random and mutated packets: the decoder returns packets or throws MalformedPacketException, and a"
            + " connection fed the same bytes never throws, for a bounded time")
    void fuzz() throws IOException {
        long seed = Long.getLong("stratus.fuzz.seed", System.nanoTime());
        Random seeds = new Random(seed);
        long end = System.nanoTime() + SECONDS * 1_000_000_000L;
        long inputs = 0;
        long bytes = 0;
        long packets = 0;
        Harness h = new Harness();
        while (System.nanoTime() < end) {
            long inputSeed = seeds.nextLong();
            PacketGenerator g = new PacketGenerator(inputSeed);
            byte[] input = g.stream();
            try {
                packets += FuzzTargets.decode(input, g::chunkSize);
                if (inputs % 500 == 0) {
                    h = new Harness(); // sessions and retained messages of earlier inputs are let go
                }
                FuzzTargets.connection(h, input, g::chunkSize);
            } catch (Throwable t) {
                Path dir = Path.of("target/fuzz-failures");
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("seed-" + inputSeed + ".hex"), Hex.hex(input));
                throw new AssertionError("input of seed " + inputSeed + " (run seed " + seed + "): " + Hex.hex(input),
                        t);
            }
            inputs++;
            bytes += input.length;
        }
        System.out.printf("fuzz: seed %d, %d inputs (%d/s), %d bytes, %d packets decoded%n", seed, inputs,
                inputs / Math.max(1, SECONDS), bytes, packets);
        assertThat(inputs).isGreaterThan(1000);
    }

    static Stream<Path> corpus() throws IOException {
        if (!Files.isDirectory(CORPUS)) {
            return Stream.empty();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".hex")).sorted().toList();
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @DisplayName("Inputs that once failed, replayed whole and byte by byte")
    void replay(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        byte[] input = Hex.bytes(text);
        FuzzTargets.decode(input, () -> input.length);
        FuzzTargets.decode(input, () -> 1);
        FuzzTargets.connection(new Harness(), input, () -> input.length);
        FuzzTargets.connection(new Harness(), input, () -> 1);
    }
}
