package org.smsconsole.sinch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MsisdnAndPagingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+46701234567      | 46701234567",
            "0046701234567     | 46701234567",
            "46701234567       | 46701234567",
            "+46 (70) 123-45 67 | 46701234567",
            "+1 [555] 123-1234 | 15551231234",
            "00 44 20 7946 0958 | 442079460958"})
    void normalisesAsSinchDoes(String raw, String digits) {
        assertEquals(digits, Msisdn.normalize(raw));
        assertEquals("+" + digits, Msisdn.toE164(raw));
    }

    @Test
    void refusesWhatIsNoNumberAndKeepsGroupIds() {
        assertEquals("msisdn", assertThrows(SinchValidationException.class, () -> Msisdn.normalize("+46 70 abc")).field());
        assertEquals("01FC66621XXXXX119Z8PMV1AHY", Msisdn.normalizeLenient("01FC66621XXXXX119Z8PMV1AHY"));
        assertTrue(Msisdn.isGroupId("01FC66621XXXXX119Z8PMV1AHY"));
        assertFalse(Msisdn.isGroupId("12345678901234567890123456"));
        assertTrue(Msisdn.isPossible("+46 70 123 45 67"));
        assertFalse(Msisdn.isPossible("+46 7"));
        assertFalse(Msisdn.isPossible("+999 1234567"));
    }

    /** Pages of {@code size} items out of {@code total}, recording which pages were asked for. */
    private static Page<Integer> page(int total, int number, int size, List<Integer> asked) {
        asked.add(number);
        List<Integer> items = IntStream.range(number * size, Math.min(total, (number + 1) * size)).boxed().toList();
        return new Page<>() {
            public Integer count() {
                return total;
            }

            public Integer page() {
                return number;
            }

            public Integer pageSize() {
                return items.size();
            }

            public List<Integer> items() {
                return items;
            }
        };
    }

    @Test
    void stopsAtTheShortPage() {
        List<Integer> asked = new ArrayList<>();
        assertEquals(IntStream.range(0, 5).boxed().toList(), Paging.stream(n -> page(5, n, 2, asked), 2).toList());
        assertEquals(List.of(0, 1, 2), asked);
    }

    @Test
    void stopsWhenCountIsReachedOnAFullPage() {
        List<Integer> asked = new ArrayList<>();
        assertEquals(4, Paging.stream(n -> page(4, n, 2, asked), 2).count());
        assertEquals(List.of(0, 1), asked);
    }

    @Test
    void stopsAtAnEmptyPageAndFetchesLazily() {
        List<Integer> asked = new ArrayList<>();
        assertEquals(0, Paging.stream(n -> page(0, n, 2, asked), 2).count());
        assertEquals(List.of(0), asked);

        asked.clear();
        Iterator<Integer> it = Paging.iterator(n -> page(10, n, 2, asked), 2);
        assertTrue(asked.isEmpty(), "nothing fetched before use");
        it.next();
        it.next();
        assertEquals(List.of(0), asked);
        it.next();
        assertEquals(List.of(0, 1), asked);
    }

    @Test
    void countThatGrowsBetweenPagesStillEndsAtTheShortPage() {
        // Sinch's count is the total at the time of each request; new batches may arrive meanwhile.
        List<Integer> asked = new ArrayList<>();
        long n = Paging.stream(p -> page(p == 0 ? 3 : 5, p, 2, asked), 2).count();
        assertEquals(5, n);
        assertEquals(List.of(0, 1, 2), asked);
    }
}
