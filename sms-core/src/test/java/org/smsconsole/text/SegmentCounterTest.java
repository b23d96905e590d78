package org.smsconsole.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Part counts against a table computed by hand. Notation: {@code a*N} is N GSM characters,
 * {@code ж*N} N Cyrillic (UCS-2, one unit each), {@code {} and {@code €} cost two septets,
 * {@code 😀} two UTF-16 units.
 */
class SegmentCounterTest {

    /** Expands {@code a*152|{|a*152} into text. */
    static String text(String spec) {
        StringBuilder out = new StringBuilder();
        for (String piece : spec.split("\\|")) {
            int star = piece.lastIndexOf('*');
            if (star > 0) {
                out.append(piece.substring(0, star).repeat(Integer.parseInt(piece.substring(star + 1))));
            } else {
                out.append(piece);
            }
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}: {1} {2} parts, {3} used, {4} left")
    @CsvSource(delimiter = ';', value = {
            // spec               ; encoding; parts; used; left  -- why
            "a*1                  ; GSM7 ; 1 ;   1 ; 159",  // one septet
            "a*160                ; GSM7 ; 1 ; 160 ;   0",  // fills one part
            "a*161                ; GSM7 ; 2 ; 161 ; 145",  // 153 + 8
            "a*306                ; GSM7 ; 2 ; 306 ;   0",  // 153 x 2
            "a*307                ; GSM7 ; 3 ; 307 ; 152",  // 153 x 2 + 1
            "€                    ; GSM7 ; 1 ;   2 ; 158",  // escape pair
            "a*158|€              ; GSM7 ; 1 ; 160 ;   0",  // escape fits exactly
            "a*159|{              ; GSM7 ; 2 ; 161 ; 145",  // escape tips it over: 153 + (6 + 2)
            "a*152|{|a*152        ; GSM7 ; 3 ; 306 ; 152",  // '{' would straddle 153: part 1 holds 152, part 2 = 2 + 151, 1 left over
            "a*152|€|a*151        ; GSM7 ; 2 ; 305 ;   0",  // part 1 = 152, part 2 = 2 + 151
            "a*153|{              ; GSM7 ; 1 ; 155 ;   5",  // still within 160: no split at all
            "ж*1                  ; UCS2 ; 1 ;   1 ;  69",
            "ж*70                 ; UCS2 ; 1 ;  70 ;   0",
            "ж*71                 ; UCS2 ; 2 ;  71 ;  63",  // 67 + 4
            "ж*134                ; UCS2 ; 2 ; 134 ;   0",  // 67 x 2
            "ж*135                ; UCS2 ; 3 ; 135 ;  66",
            "😀                   ; UCS2 ; 1 ;   2 ;  68",  // surrogate pair: two units
            "ж*68|😀              ; UCS2 ; 1 ;  70 ;   0",
            "ж*69|😀              ; UCS2 ; 2 ;  71 ;  63",  // 67 + (2 + 2)
            "ж*66|😀|ж*66         ; UCS2 ; 3 ; 134 ;  66",  // the emoji does not straddle 67: part 1 = 66, part 2 = 2 + 65
            "Hello 😀             ; UCS2 ; 1 ;   8 ;  62",  // one emoji turns GSM text into UCS-2
            "ж*69|€               ; UCS2 ; 1 ;  70 ;   0",  // in UCS-2 € is one unit, no escape
    })
    void countsParts(String spec, SmsEncoding encoding, int parts, int used, int left) {
        String text = text(spec.strip());
        SegmentCount count = SegmentCounter.count(text);
        assertEquals(encoding, count.encoding(), "encoding");
        assertEquals(parts, count.parts(), "parts");
        assertEquals(used, count.unitsUsed(), "units used");
        assertEquals(left, count.unitsLeft(), "units left");
    }

    @Test
    void namesTheCharactersThatForceUcs2() {
        assertEquals(List.of("’", "😀", "ж"), SegmentCounter.count("It’s 😀 ж ’ ok").ucs2Characters());
        assertEquals(List.of(), SegmentCounter.count("Plain {GSM} €5 @ home").ucs2Characters());
    }

    @Test
    void suggestsGsmLookAlikes() {
        String pasted = "“Sale” – 50% off… don’t miss it";
        assertEquals(Map.of("“", "\"", "”", "\"", "–", "-", "…", "...", "’", "'"), GsmCharset.suggestions(pasted));
        String fixed = GsmCharset.withSuggestions(pasted);
        assertEquals("\"Sale\" - 50% off... don't miss it", fixed);
        assertEquals(SmsEncoding.GSM7, SegmentCounter.count(fixed).encoding());
        assertEquals("ж", GsmCharset.withSuggestions("ж"), "no look-alike: kept");
    }

    @Test
    void gsmTables() {
        assertEquals(1, GsmCharset.septets('@'));
        assertEquals(1, GsmCharset.septets('Ç'));
        assertEquals(2, GsmCharset.septets('\f'));
        assertEquals(2, GsmCharset.septets('|'));
        assertEquals(-1, GsmCharset.septets('ç'));
        assertEquals(-1, GsmCharset.septets('`'));
        assertEquals("text", SmsEncoding.GSM7.dryRunName());
        assertEquals("UNICODE", SmsEncoding.UCS2.reportName());
    }
}
