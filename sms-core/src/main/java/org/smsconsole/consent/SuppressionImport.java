package org.smsconsole.consent;

import java.util.List;

/** What came of importing a suppression list: how many were added, which lines were refused and why. */
public record SuppressionImport(int added, int alreadyListed, List<Rejected> rejected) {

    public record Rejected(int line, String value, String reason) {
    }
}
