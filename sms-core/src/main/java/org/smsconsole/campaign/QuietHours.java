package org.smsconsole.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Hours of the recipient's day in which nothing is sent, e.g. 21:00 to 08:00. A window that
 * ends before it starts wraps past midnight. Times are local to the recipient.
 */
public record QuietHours(LocalTime from, LocalTime to) {

    public QuietHours {
        if (from == null || to == null) {
            throw new IllegalArgumentException("quiet hours need a start and an end");
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("quiet hours cannot start and end at the same time");
        }
    }

    public static QuietHours ofMinutes(Integer fromMinute, Integer toMinute) {
        if (fromMinute == null || toMinute == null) {
            return null;
        }
        return new QuietHours(LocalTime.ofSecondOfDay(fromMinute * 60L), LocalTime.ofSecondOfDay(toMinute * 60L));
    }

    public int fromMinute() {
        return from.toSecondOfDay() / 60;
    }

    public int toMinute() {
        return to.toSecondOfDay() / 60;
    }

    public boolean contains(LocalTime time) {
        if (from.isBefore(to)) {
            return !time.isBefore(from) && time.isBefore(to);
        }
        return !time.isBefore(from) || time.isBefore(to);
    }

    /** {@code at} itself when it is outside the window, else the moment the window ends in {@code zone}. */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        if (!contains(local.toLocalTime())) {
            return at;
        }
        LocalDate day = local.toLocalDate();
        if (!from.isBefore(to) && !local.toLocalTime().isBefore(from)) {
            day = day.plusDays(1); // in the evening part of a window that wraps past midnight
        }
        // atZone resolves a gap (DST) forward, so the result is never inside the window.
        return ZonedDateTime.of(day, to, zone).toInstant();
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
