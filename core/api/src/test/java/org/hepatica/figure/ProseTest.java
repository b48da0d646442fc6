package org.hepatica.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProseTest {

    @Test
    void aLabelInASentenceStartsInLowerCaseUnlessItIsAnAcronym() {
        assertEquals("survival probability", Prose.lowerFirst("Survival probability"));
        assertEquals("OS", Prose.lowerFirst("OS"), "an acronym");
        assertEquals("HR (95% CI)", Prose.lowerFirst("HR (95% CI)"));
        assertEquals("a", Prose.lowerFirst("A"), "one letter");
        assertEquals("", Prose.lowerFirst(""));
        assertEquals("days since RFA", Prose.lowerFirst("Days since RFA"));
    }

    @Test
    void partsAreJoinedWithCommasAndAnAnd() {
        assertEquals("", Prose.joinAnd(List.of()));
        assertEquals("a", Prose.joinAnd(List.of("a")));
        assertEquals("a and b", Prose.joinAnd(List.of("a", "b")));
        assertEquals("a, b and c", Prose.joinAnd(List.of("a", "b", "c")));
    }

    @Test
    void aSentenceEndsWithOneFullStop() {
        assertEquals("Log-rank p < 0.001.", Prose.sentence("Log-rank p < 0.001"));
        assertEquals("Done.", Prose.sentence("Done."));
    }
}
