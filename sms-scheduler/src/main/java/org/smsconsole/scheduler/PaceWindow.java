package org.smsconsole.scheduler;

import java.util.List;
import java.util.TreeSet;

/**
 * Where a new grant of messages may go so that no window of {@code window} ms, wherever it starts, holds more
 * than a scope's rate: pure arithmetic over the grants already made (their slot in ms and size). A grant may
 * land between others, so a slow campaign's grants never hold back another campaign's on the shared plan.
 */
final class PaceWindow {

    /** One grant already made: {@code slot} the ms it may leave at, {@code messages} how many. */
    record Slot(long slot, int messages) {
    }

    private PaceWindow() {
    }

    /**
     * The earliest ms at or after {@code from} at which {@code n} more messages fit in every scope.
     *
     * @param scopes the grants of each scope; {@code rates} the scope's messages per window, in the same order
     * @throws IllegalArgumentException when {@code n} is more than a rate (it can never fit)
     */
    static long earliest(List<List<Slot>> scopes, int[] rates, int n, long from, long window) {
        TreeSet<Long> candidates = new TreeSet<>();
        candidates.add(from);
        for (int s = 0; s < scopes.size(); s++) {
            if (n > rates[s]) {
                throw new IllegalArgumentException(n + " messages never fit a rate of " + rates[s]);
            }
            // A slot becomes possible only where an earlier grant stops sharing a window with it.
            for (Slot g : scopes.get(s)) {
                if (g.slot() + window > from) {
                    candidates.add(g.slot() + window);
                }
            }
        }
        for (long slot : candidates) {
            boolean all = true;
            for (int s = 0; s < scopes.size() && all; s++) {
                all = fits(scopes.get(s), rates[s], n, slot, window);
            }
            if (all) {
                return slot;
            }
        }
        throw new IllegalStateException("unreachable: past every grant there is room for " + n);
    }

    /** Whether every window of {@code window} ms containing {@code slot} holds at most {@code rate} with n more there. */
    static boolean fits(List<Slot> grants, int rate, int n, long slot, long window) {
        // The count in [a, a + window) only changes where a grant enters or leaves it: check those starts.
        TreeSet<Long> starts = new TreeSet<>();
        starts.add(slot - window + 1);
        for (Slot g : grants) {
            for (long a : new long[] {g.slot(), g.slot() + 1, g.slot() - window + 1}) {
                if (a > slot - window && a <= slot) {
                    starts.add(a);
                }
            }
        }
        for (long a : starts) {
            long sum = n;
            for (Slot g : grants) {
                if (g.slot() >= a && g.slot() < a + window) {
                    sum += g.messages();
                }
            }
            if (sum > rate) {
                return false;
            }
        }
        return true;
    }
}
