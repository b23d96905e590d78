package org.smsconsole.scheduler;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaceWindowTest {

    private static final long WINDOW = 1050;

    @Test
    void grantsAskedAtRandomMomentsNeverPutMoreThanTheRateInAnyWindowWhereverItStarts() {
        Random random = new Random(14);
        int rate = 400;
        List<PaceWindow.Slot> grants = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 2000; i++) {
            now += random.nextInt(120);
            int n = 1 + random.nextInt(rate);
            long slot = PaceWindow.earliest(List.of(grants), new int[] {rate}, n, now, WINDOW);
            assertTrue(slot >= now, "never before it was asked for");
            grants.add(new PaceWindow.Slot(slot, n));
        }
        assertTrue(maxInAnyWindow(grants, WINDOW) <= rate, "at most the rate in every window: " + maxInAnyWindow(grants, WINDOW));
    }

    @Test
    void fullGrantsFollowEachOtherOneWindowApartSoTheRateIsKept() {
        List<PaceWindow.Slot> grants = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            grants.add(new PaceWindow.Slot(PaceWindow.earliest(List.of(grants), new int[] {400}, 400, 0, WINDOW), 400));
        }
        for (int i = 0; i < grants.size(); i++) {
            assertEquals(i * WINDOW, grants.get(i).slot());
        }
    }

    @Test
    void aSlowCampaignsGrantsAheadDoNotHoldBackAnotherCampaignOnTheSharedPlan() {
        List<PaceWindow.Slot> plan = new ArrayList<>();
        List<PaceWindow.Slot> slow = new ArrayList<>();
        // The slow campaign (10/s) books its next slots; the plan (100/s) sees them too.
        for (int i = 0; i < 3; i++) {
            long slot = PaceWindow.earliest(List.of(plan, slow), new int[] {100, 10}, 10, 0, WINDOW);
            plan.add(new PaceWindow.Slot(slot, 10));
            slow.add(new PaceWindow.Slot(slot, 10));
        }
        assertEquals(2 * WINDOW, slow.get(2).slot());
        // Another campaign with no rate of its own goes at once, between the slow one's slots.
        assertEquals(0, PaceWindow.earliest(List.of(plan), new int[] {100}, 90, 0, WINDOW));
        assertEquals(3 * WINDOW, PaceWindow.earliest(List.of(plan), new int[] {100}, 91, 0, WINDOW),
                "91 more crowd every window that holds one of the slow slots: only after the last");
    }

    @Test
    void aGrantLargerThanTheRateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PaceWindow.earliest(List.of(List.of()), new int[] {10}, 11, 0, WINDOW));
    }

    private static long maxInAnyWindow(List<PaceWindow.Slot> grants, long window) {
        long max = 0;
        for (PaceWindow.Slot start : grants) {
            long sum = 0;
            for (PaceWindow.Slot g : grants) {
                if (g.slot() >= start.slot() && g.slot() < start.slot() + window) {
                    sum += g.messages();
                }
            }
            max = Math.max(max, sum);
        }
        return max;
    }
}
