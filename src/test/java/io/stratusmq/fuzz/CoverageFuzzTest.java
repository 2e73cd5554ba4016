package io.stratusmq.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing with Jazzer (libFuzzer for the JVM) of the same targets as {@link SeededFuzzTest}: the
 * decoder and one connection's state machine. In a normal test run (regression mode) it replays its inputs under
 * src/test/resources/io/stratusmq/fuzz/CoverageFuzzTestInputs/; with {@code JAZZER_FUZZ=1} it fuzzes for
 * {@code maxDuration} and writes any crashing input there, where it stays as a regression test.
 */
class CoverageFuzzTest {

    private static Harness harness;
    private static long runs;

    @FuzzTest(maxDuration = "15s")
    void decoderAndConnection(FuzzedDataProvider data) {
        int chunk = data.consumeInt(1, 600);
        byte[] input = data.consumeRemainingAsBytes();
        FuzzTargets.decode(input, () -> chunk);
        if (harness == null || ++runs % 500 == 0) {
            harness = new Harness();
        }
        FuzzTargets.connection(harness, input, () -> chunk);
    }
}
