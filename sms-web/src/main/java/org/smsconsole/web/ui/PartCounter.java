package org.smsconsole.web.ui;

import org.smsconsole.text.SegmentCount;
import org.smsconsole.text.SmsEncoding;

/** The live counter under every message box (Templates, Compose, the inbox's reply), worded one way everywhere. */
final class PartCounter {

    private PartCounter() {
    }

    /** "142 characters · GSM-7 · 1 part · 18 characters left in this part" (UCS-2 counts units). */
    static String describe(int characters, SegmentCount count) {
        boolean gsm = count.encoding() == SmsEncoding.GSM7;
        return characters + " characters · " + (gsm ? "GSM-7" : "UCS-2") + " · " + count.parts()
                + (count.parts() == 1 ? " part" : " parts") + " · " + count.unitsLeft() + " " + (gsm ? "characters" : "units")
                + " left in this part";
    }
}
