package org.smsconsole.inbound;

import org.junit.jupiter.api.Test;
import org.smsconsole.validation.InvalidInputException;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Keywords match the whole trimmed message in any case, and a set is checked before it is stored. */
class KeywordSetTest {

    private static final KeywordSet EN = new KeywordSet("en", KeywordSet.words("STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT"),
            KeywordSet.words("START,UNSTOP"), KeywordSet.words("HELP"), "out", "in", "help");

    @Test
    void theWholeTrimmedMessageInAnyCaseIsTheKeyword() {
        for (String stop : List.of("STOP", "stop", "Stop", "  sToP \n", "\tquit", "UnSubscribe", "stopall", "END")) {
            assertEquals(Optional.of(KeywordAction.OPT_OUT), EN.match(stop), stop);
        }
        assertEquals(Optional.of(KeywordAction.OPT_IN), EN.match(" unstop"));
        assertEquals(Optional.of(KeywordAction.HELP), EN.match("Help "));
        for (String none : List.of("please stop", "stop it", "STOP!", "", "   ", "S T O P", "stopp", "helpful")) {
            assertEquals(Optional.empty(), EN.match(none), none);
        }
        assertEquals(Optional.empty(), EN.match(null));
    }

    @Test
    void wordsAreReadFromCommasOrLinesAndNormalised() {
        assertEquals(List.of("STOP", "OPT OUT", "BAJA"), KeywordSet.words(" stop ,\nopt   out, baja,, STOP "));
        KeywordSet twoWords = new KeywordSet("en", List.of("OPT OUT"), List.of("OPT IN"), List.of("HELP"), "a", "b", "c");
        assertEquals(Optional.of(KeywordAction.OPT_OUT), twoWords.match("opt  out"));
    }

    @Test
    void aSetIsCheckedNamingTheFieldAtFault() {
        KeywordSet clean = new KeywordSet("pt_br", List.of("pare"), List.of("volte"), List.of("ajuda"), " Saiu. ", "Voltou, ${name}.", "Ajuda").clean();
        assertEquals("pt-BR", clean.language());
        assertEquals(List.of("PARE"), clean.optOutWords());
        assertEquals("Saiu.", clean.optOutReply());

        assertEquals("language", refused(new KeywordSet(" ", List.of("A"), List.of("B"), List.of("C"), "a", "b", "c")));
        assertEquals("opt_out_words", refused(new KeywordSet("en", List.of(" "), List.of("B"), List.of("C"), "a", "b", "c")));
        assertEquals("help_words", refused(new KeywordSet("en", List.of("A"), List.of("B"), List.of(), "a", "b", "c")));
        assertEquals("opt_out_words", refused(new KeywordSet("en", List.of("A"), List.of("a"), List.of("C"), "a", "b", "c")), "in two lists");
        assertEquals("opt_in_reply", refused(new KeywordSet("en", List.of("A"), List.of("B"), List.of("C"), "a", " ", "c")));
        assertEquals("help_reply", refused(new KeywordSet("en", List.of("A"), List.of("B"), List.of("C"), "a", "b", "x".repeat(1001))));
        assertEquals("opt_out_reply", refused(new KeywordSet("en", List.of("A"), List.of("B"), List.of("C"), "Bye ${city}", "b", "c")),
                "only placeholders every contact can fill");
    }

    private static String refused(KeywordSet set) {
        return assertThrows(InvalidInputException.class, set::clean).field();
    }
}
