package org.smsconsole.text;

import java.util.List;

/**
 * How a text travels as SMS.
 *
 * @param unitsUsed septets (GSM-7, escapes count two) or UTF-16 code units (UCS-2) in total
 * @param unitsLeft units still free in the last part before another part is needed
 * @param ucs2Characters the distinct characters that force UCS-2, in order of appearance
 */
public record SegmentCount(SmsEncoding encoding, int parts, int unitsUsed, int unitsLeft,
                           List<String> ucs2Characters) {
}
