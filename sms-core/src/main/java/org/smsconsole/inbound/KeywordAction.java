package org.smsconsole.inbound;

import org.smsconsole.validation.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a keyword message did: opt out (STOP), opt back in (START) or ask for help (HELP). */
public enum KeywordAction {
    OPT_OUT, OPT_IN, HELP;

    /** The spelling of the API and the {@code keyword_action} column: {@code opt_out}, {@code opt_in}, {@code help}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInputException naming {@code field} when the value is none of them */
    public static KeywordAction fromApi(String field, String value) {
        for (KeywordAction a : values()) {
            if (a.apiName().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return a;
            }
        }
        throw new InvalidInputException(field, field + " is one of " + Arrays.stream(values()).map(KeywordAction::apiName)
                .collect(Collectors.joining(", ")));
    }
}
