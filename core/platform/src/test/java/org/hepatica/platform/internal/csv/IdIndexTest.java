package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IdIndexTest {
    @Test
    void everyAcceptedIdIsFoundWithItsLineAndNoOtherIs() {
        IdIndex index = new IdIndex();
        for (int i = 0; i < 100_000; i++) {
            index.putIfAbsent("SYN-" + i, ("SYN-" + i).hashCode(), i + 2L);
        }
        for (int i = 0; i < 100_000; i++) {
            assertEquals(i + 2L, index.lineOf("SYN-" + i));
            assertEquals(-1, index.lineOf("SYN-" + (i + 100_000)));
        }
        // equal hashes, different ids
        index.putIfAbsent("Aa", "Aa".hashCode(), 1);
        assertEquals(-1, index.lineOf("BB"));
        index.putIfAbsent("BB", "BB".hashCode(), 2);
        assertEquals(1, index.lineOf("Aa"));
        assertEquals(2, index.lineOf("BB"));
    }
}
