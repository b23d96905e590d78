package org.smsconsole.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "'+44 7400 123456', US, +447400123456",
            "'0044 7400 123456', US, +447400123456",
            "'07400 123456', GB, +447400123456",
            "'(202) 555-0143', US, +12025550143",
            "'202.555.0143', us, +12025550143",
            "'+46 70-123 45 67', US, +46701234567",
    })
    void normalisesToE164WithPlus(String input, String country, String expected) {
        assertEquals(expected, PhoneNumbers.toE164(input, country));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 555 12", "12", "+44 7400", "hello", "+999 1234567"})
    void refusesNumbersThatAreNotValid(String input) {
        InvalidPhoneNumberException e = assertThrows(InvalidPhoneNumberException.class, () -> PhoneNumbers.toE164(input, "US"));
        assertTrue(e.getMessage().contains(input.strip()), e.getMessage());
    }

    @Test
    void refusesBlankWithARequiredMessage() {
        assertEquals("A phone number is required",
                assertThrows(InvalidPhoneNumberException.class, () -> PhoneNumbers.toE164("  ", "US")).getMessage());
    }

    @Test
    void displaysInInternationalFormatAndKnowsTheRegion() {
        assertEquals("+44 7400 123456", PhoneNumbers.display("+447400123456"));
        assertEquals("GB", PhoneNumbers.regionOf("+447400123456"));
        assertEquals("ZZ", PhoneNumbers.regionOf("nonsense"));
    }
}
