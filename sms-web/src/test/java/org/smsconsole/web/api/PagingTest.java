package org.smsconsole.web.api;

import org.junit.jupiter.api.Test;
import org.smsconsole.validation.InvalidInputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PagingTest {

    @Test
    void absentValuesAreTheFirstPageOfTheDefaultSize() {
        assertEquals(new Paging(0, 30, 0), Paging.parse(null, " "));
        assertEquals(new Paging(200, 100, 2), Paging.parse("2", "100"));
        assertEquals(new Paging(2000, 1000, 2), Paging.parse("2", "1000", 30, 1000));
    }

    @Test
    void aPageWhoseFirstRowWouldOverflowIsRefusedNamingPage() {
        assertEquals("page", assertThrows(InvalidInputException.class, () -> Paging.parse("2147483647", "1000", 30, 1000)).field());
        assertEquals("page", assertThrows(InvalidInputException.class, () -> Paging.parse("21474837", "100")).field());
        assertEquals(new Paging(2147483600, 100, 21474836), Paging.parse("21474836", "100"), "the last page that fits");
        assertEquals("page", assertThrows(InvalidInputException.class, () -> Paging.parse("99999999999", "10")).field());
    }

    @Test
    void textNegativesAndOversizedPagesAreRefusedNamingTheField() {
        assertEquals("page", assertThrows(InvalidInputException.class, () -> Paging.parse("abc", null)).field());
        assertEquals("page", assertThrows(InvalidInputException.class, () -> Paging.parse("-1", null)).field());
        assertEquals("page_size", assertThrows(InvalidInputException.class, () -> Paging.parse("0", "101")).field());
        assertEquals("page_size", assertThrows(InvalidInputException.class, () -> Paging.parse("0", "0")).field());
        assertEquals("page_size", assertThrows(InvalidInputException.class, () -> Paging.parse("0", "1.5")).field());
    }
}
