package org.telesynth.report;

import org.junit.jupiter.api.Test;
import org.telesynth.BadInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answer cells: numbers, DuckDB's spellings of numbers without a value, and text where a number belongs. */
class AnswerTableTest {
    @Test
    void metricCells_readNumbers_andDuckDbNanAsMissing_butRefuseText() {
        AnswerTable t = AnswerTable.parse("k,v\na,1.5\nb,-nan\nc,nan\nd,\ne,inf\n", "q.csv");
        assertEquals(1.5, t.number(0, "v"));
        for (int row = 1; row <= 4; row++) {
            assertTrue(Double.isNaN(t.number(row, "v")), "row " + row);
        }
        BadInputException e = assertThrows(BadInputException.class,
                () -> AnswerTable.parse("k,v\na,lots\n", "q.csv").numbers("v"));
        assertEquals("q.csv: line 2, column v: 'lots' is not a number", e.getMessage());
        assertTrue(Double.isNaN(t.parsed(0, "k")), "a text key is no number, and no error");
    }
}
