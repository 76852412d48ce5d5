package org.camelmm7.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GatewayMessageIdsTest {

    @Test
    void anIdIsTimeNodeAndASixDigitSequenceInHex() {
        GatewayMessageIds ids = new GatewayMessageIds();
        String first = ids.next();
        String second = ids.next();
        assertTrue(first.matches("[0-9a-f]{11,}-[0-9a-f]{6}-000001"), first);
        assertTrue(second.endsWith("-000002"), second);
        assertEquals(first.split("-")[1], second.split("-")[1], "the same node tag for one start");
    }

    @Test
    void theSequenceWrapsAtSixHexDigits() {
        GatewayMessageIds ids = new GatewayMessageIds();
        String last = null;
        for (int i = 0; i < 0x1000001; i++) {
            last = ids.next();
        }
        assertTrue(last.endsWith("-000001"), last);
    }
}
