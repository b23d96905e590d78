package org.smsconsole.text;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet: the basic table (one septet) and the
 * extension table reached through ESC (two septets: {@code ^ { } \ [ ~ ] |}, {@code €}, form
 * feed). Anything else forces the whole message to UCS-2. Also suggests GSM look-alikes for
 * the usual culprits pasted from word processors (smart quotes, dashes, ellipsis).
 */
public final class GsmCharset {
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";
    private static final Map<Integer, String> SUGGESTIONS = new LinkedHashMap<>();

    static {
        suggest("\u2018\u2019\u201A\u201B\u2032\u00B4\u0060\u2039\u203A", "'");
        suggest("\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB", "\"");
        suggest("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-");
        suggest("\u00A0\u2002\u2003\u2007\u2009\u202F\t", " ");
        suggest("\u200B\u200C\u200D\u2060\uFEFF", "");
        suggest("\u2022\u00B7", "-");
        suggest("\u02C6", "^");
        suggest("\u00E7", "Ç");
        SUGGESTIONS.put((int) '\u2026', "...");
    }

    private GsmCharset() {
    }

    private static void suggest(String chars, String replacement) {
        chars.codePoints().forEach(cp -> SUGGESTIONS.put(cp, replacement));
    }

    public static boolean isBasic(int codePoint) {
        return codePoint < 0x10000 && BASIC.indexOf(codePoint) >= 0;
    }

    public static boolean isExtension(int codePoint) {
        return codePoint < 0x10000 && EXTENSION.indexOf(codePoint) >= 0;
    }

    public static boolean isGsm(int codePoint) {
        return isBasic(codePoint) || isExtension(codePoint);
    }

    /** Septets for a character: 1, 2 (escape pair), or -1 if GSM-7 cannot carry it. */
    public static int septets(int codePoint) {
        return isBasic(codePoint) ? 1 : isExtension(codePoint) ? 2 : -1;
    }

    public static boolean canEncode(String text) {
        return text.codePoints().allMatch(GsmCharset::isGsm);
    }

    /** A GSM-7 replacement for a character that forces UCS-2, if one reads the same. */
    public static Optional<String> suggestion(int codePoint) {
        return Optional.ofNullable(SUGGESTIONS.get(codePoint));
    }

    /** Characters of {@code text} that force UCS-2 and have a replacement, with that replacement. */
    public static Map<String, String> suggestions(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        text.codePoints().filter(cp -> !isGsm(cp)).forEach(cp ->
                suggestion(cp).ifPresent(s -> result.put(Character.toString(cp), s)));
        return result;
    }

    /** {@code text} with every suggestion applied; characters without one are kept. */
    public static String withSuggestions(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (isGsm(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(suggestion(cp).orElse(Character.toString(cp)));
            }
        });
        return out.toString();
    }
}
