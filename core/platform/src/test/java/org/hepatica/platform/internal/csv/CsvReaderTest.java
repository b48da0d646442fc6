package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader gives the same records however the input arrives: whole, or a byte at a time. */
class CsvReaderTest {

    /** An input that hands out one byte per read, so every field crosses a buffer refill. */
    private static final class Trickle extends ByteArrayInputStream {
        Trickle(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
        }
    }

    private static List<String> records(InputStream in) throws Exception {
        CsvReader reader = new CsvReader(in);
        List<String> out = new ArrayList<>();
        while (reader.next()) {
            StringBuilder b = new StringBuilder().append(reader.line()).append(':');
            for (int i = 0; i < reader.fieldCount(); i++) {
                b.append('[').append(reader.field(i)).append(']');
            }
            out.add(b + (reader.recordProblem() == null ? "" : " ! " + reader.recordProblem()));
        }
        return out;
    }

    @Test
    void aByteAtATimeReadsTheSameRecords() throws Exception {
        String csv = "\uFEFFa,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n"
                + " p ,q\rr,\"\"\r\n\"closed\"tail,2,3\nlast,,\"\"";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        List<String> whole = records(new ByteArrayInputStream(bytes));
        assertEquals(List.of("1:[a][b][c]", "2:[x,1][say \"hi\"][two\nlines]", "5:[p][q\rr][]",
                "6:[closedtail][2][3] ! unexpected text after a closing quote in field 1", "7:[last][][]"), whole);
        assertEquals(whole, records(new Trickle(bytes)));
    }

    @Test
    void numbersDatesAndLevelsAreReadFromTheTrimmedBytes() throws Exception {
        CsvReader reader = new CsvReader(new ByteArrayInputStream(" 12.5 , 2020-03-01,SBRT ".getBytes(StandardCharsets.UTF_8)));
        reader.next();
        assertEquals(12.5, reader.number(0));
        assertEquals(18322, reader.epochDay(1));
        assertEquals(true, reader.fieldEquals(2, "SBRT".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(false, reader.fieldEquals(2, "SBR".getBytes(StandardCharsets.US_ASCII)));
    }
}
