package org.smsconsole.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Counts SMS parts the way the network splits them. GSM-7: 160 septets in one part, 153 per
 * part once split; UCS-2: 70 and 67 UTF-16 code units. A part never ends inside an escape
 * pair (and, likewise, never inside a surrogate pair: half an emoji is not a character), so
 * a part can hold one unit less than its size.
 */
public final class SegmentCounter {
    private SegmentCounter() {
    }

    public static SegmentCount count(String text) {
        Set<String> ucs2 = new LinkedHashSet<>();
        text.codePoints().filter(cp -> !GsmCharset.isGsm(cp)).forEach(cp -> ucs2.add(Character.toString(cp)));
        SmsEncoding encoding = ucs2.isEmpty() ? SmsEncoding.GSM7 : SmsEncoding.UCS2;
        int[] units = text.codePoints()
                .map(cp -> encoding == SmsEncoding.GSM7 ? GsmCharset.septets(cp) : Character.charCount(cp))
                .toArray();
        int total = 0;
        for (int u : units) {
            total += u;
        }
        if (total <= encoding.singlePart()) {
            return new SegmentCount(encoding, 1, total, encoding.singlePart() - total, new ArrayList<>(ucs2));
        }
        int parts = 1;
        int inPart = 0;
        for (int u : units) {
            if (inPart + u > encoding.perPart()) {
                parts++;
                inPart = 0;
            }
            inPart += u;
        }
        return new SegmentCount(encoding, parts, total, encoding.perPart() - inPart, new ArrayList<>(ucs2));
    }
}
