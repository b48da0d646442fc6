package org.hepatica.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnNamesTest {
    @Test
    void namesAreTrimmedBlanksLeftOutOrderAndFirstSpellingKept() {
        assertEquals(List.of("surname", "phone", "e mail"), List.copyOf(ColumnNames.parse(" surname,, phone ,e mail,phone")));
    }

    @Test
    void nothingGivenIsNoName() {
        assertEquals(0, ColumnNames.parse(null).size());
        assertEquals(0, ColumnNames.parse(" , ").size());
    }
}
