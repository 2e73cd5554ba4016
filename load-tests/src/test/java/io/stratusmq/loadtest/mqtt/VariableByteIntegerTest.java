package io.stratusmq.loadtest.mqtt;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VariableByteIntegerTest {

    @Test
    void roundTripsTheBoundaries() {
        int[] values = {0, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, VariableByteInteger.MAX};
        int[] sizes = {1, 1, 2, 2, 3, 3, 4, 4};
        for (int i = 0; i < values.length; i++) {
            Buffer out = Buffer.buffer();
            VariableByteInteger.append(out, values[i]);
            assertEquals(sizes[i], out.length());
            assertEquals(sizes[i], VariableByteInteger.size(values[i]));
            long packed = VariableByteInteger.read(out.getByteBuf(), 0, out.length());
            assertEquals(values[i], VariableByteInteger.value(packed));
            assertEquals(sizes[i], VariableByteInteger.length(packed));
        }
    }

    @Test
    void reportsIncompleteInput() {
        Buffer out = Buffer.buffer();
        VariableByteInteger.append(out, 16_384);
        assertEquals(VariableByteInteger.INCOMPLETE, VariableByteInteger.read(out.getByteBuf(), 0, 2));
    }

    @Test
    void rejectsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> VariableByteInteger.size(VariableByteInteger.MAX + 1));
        assertThrows(IllegalArgumentException.class, () -> VariableByteInteger.size(-1));
    }
}
