package org.smsconsole.web.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smsconsole.contact.ContactSort;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.user.LoginOutcome;
import org.smsconsole.user.Role;
import org.smsconsole.user.StaffLogins;
import org.smsconsole.user.StaffUsers;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contacts and staff logins through the real container: CDI, JTA, Hibernate, Flyway. Runs once
 * on H2 and once on PostgreSQL (see the failsafe executions in sms-web/pom.xml).
 */
@ExtendWith(ArquillianExtension.class)
class ContactsPersistenceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.console();
    }

    @Inject
    Contacts contacts;

    @Inject
    StaffUsers staffUsers;

    @Inject
    StaffLogins logins;

    @Inject
    org.smsconsole.contact.ContactPrivacy privacy;

    @Inject
    org.smsconsole.audit.AuditLog auditLog;

    @Resource(lookup = "java:app/jdbc/sms")
    DataSource dataSource;

    @Test
    void flywayCreatedTheSchemaThatHibernateValidated() throws Exception {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from flyway_schema_history where success = true")) {
            rs.next();
            assertTrue(rs.getInt(1) >= 1, "at least one migration applied");
        }
    }

    @Test
    void addStoresTheNumberInE164AndFindsItBack() {
        String phone = uniqueUkMobile();
        ContactView added = contacts.add("  Ada Lovelace ", "0044 " + phone.substring(3));
        assertEquals("Ada Lovelace", added.name());
        assertEquals(phone, contacts.get(added.id()).phone());
    }

    @Test
    void aBadNumberIsRefusedNamingTheFieldAndNothingIsStored() {
        long before = contacts.count(null);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> contacts.add("Bad", "+1 555 12"));
        assertEquals("phone", e.field());
        assertEquals(before, contacts.count(null));
    }

    @Test
    void aSecondContactWithTheSameNumberIsRefused() {
        String phone = uniqueUkMobile();
        contacts.add("First", phone);
        long before = contacts.count(null);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> contacts.add("Second", phone));
        assertEquals("phone", e.field());
        assertEquals(before, contacts.count(null));
    }

    @Test
    void aPersonGetsACopyOfTheirDataAndCanBeErasedForGood() {
        String phone = uniqueUkMobile();
        ContactView c = contacts.add("Erin Erase", phone);
        contacts.change(c.id(), "Erin E.", phone);
        String copy = privacy.export(c.id()).toString();
        assertTrue(copy.contains(phone) && copy.contains("Erin E.") && copy.contains("CONTACT_CHANGED"), copy);

        // Copies of the number elsewhere: an inbox conversation and a webhook event about them.
        String eventId = "erase-" + UUID.randomUUID().toString().substring(0, 8);
        try (java.sql.Connection db = dataSource.getConnection(); java.sql.Statement s = db.createStatement()) {
            s.executeUpdate("insert into conversation (phone, last_at, last_text, last_inbound, unread, created_at)"
                    + " values ('" + phone + "', current_timestamp, 'Hi it is Erin', true, 1, current_timestamp)");
            s.executeUpdate("insert into webhook_event (id, type, occurred_at, payload) values ('" + eventId
                    + "', 'inbound.received', current_timestamp, '{\"from\":\"" + phone + "\",\"text\":\"Hi it is Erin\"}')");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }

        privacy.erase(c.id());
        assertThrows(NotFoundException.class, () -> contacts.get(c.id()));
        try (java.sql.Connection db = dataSource.getConnection(); java.sql.Statement s = db.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select (select count(*) from conversation where phone = '" + phone + "')"
                     + " + (select count(*) from webhook_event where id = '" + eventId + "')")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "the conversation and the webhook event are gone");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        String history = auditLog.search("contact " + c.id() + " ", 0, 50).stream()
                .map(e -> e.getAction() + " " + e.getSubject() + " " + e.getDetails()).toList().toString();
        assertTrue(history.contains("CONTACT_CREATED contact " + c.id() + " (erased)"), history);
        assertTrue(auditLog.search(phone, 0, 50).isEmpty(), "the number is gone from the audit log");
    }

    @Test
    void changeAndRemove() {
        ContactView c = contacts.add("Grace", uniqueUkMobile());
        String newPhone = uniqueUkMobile();
        ContactView changed = contacts.change(c.id(), "Grace Hopper", newPhone);
        assertEquals("Grace Hopper", changed.name());
        assertEquals(newPhone, changed.phone());
        assertTrue(changed.version() > c.version());
        contacts.remove(c.id());
        assertThrows(NotFoundException.class, () -> contacts.get(c.id()));
    }

    @Test
    void searchesByNameOrDigitsAndPagesInOrder() {
        String tag = "pg" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 7; i++) {
            contacts.add(tag + " member " + i, uniqueUkMobile());
        }
        assertEquals(7, contacts.count(tag.toUpperCase()));
        List<ContactView> firstPage = contacts.page(tag, ContactSort.NAME, true, 0, 5);
        List<ContactView> secondPage = contacts.page(tag, ContactSort.NAME, true, 5, 5);
        assertEquals(5, firstPage.size());
        assertEquals(2, secondPage.size());
        assertEquals(tag + " member 0", firstPage.get(0).name());
        assertEquals(tag + " member 6", secondPage.get(1).name());
        assertEquals(tag + " member 6", contacts.page(tag, ContactSort.NAME, false, 0, 1).get(0).name());

        ContactView one = firstPage.get(2);
        String digits = one.phone().substring(5);
        assertTrue(contacts.page(digits, ContactSort.PHONE, true, 0, 10).stream().anyMatch(c -> c.id() == one.id()));
        assertEquals(0, contacts.count("%"), "a LIKE wildcard is searched for literally");
    }

    @Test
    void failedLoginsSlowDownThenLockTheNameFromThatSourceOnlyAndAnUnknownNameReadsTheSame() {
        String name = "it-" + UUID.randomUUID().toString().substring(0, 8);
        char[] right = "a long enough password".toCharArray();
        char[] wrong = "wrong password!!".toCharArray();
        staffUsers.create(name, "IT user", right, Role.OPERATOR, false);
        TestClock.stop();
        try {
            List<String> known = slowDownThenLock(name, right, wrong, "203.0.113.1");
            List<String> unknown = slowDownThenLock("nobody-" + UUID.randomUUID().toString().substring(0, 8), right, wrong, "203.0.113.2");
            assertEquals(known, unknown, "the same refusals whether the name exists or not");

            assertTrue(refused(logins.attempt(name, right, "203.0.113.1")).startsWith(
                    "Signing in with this user name from your address is locked until"));
            assertInstanceOf(LoginOutcome.SignedIn.class, logins.attempt(name, right, "198.51.100.20"),
                    "the same person signs in from another address meanwhile");
            staffUsers.resetPassword(name, "an administrator's one-time password".toCharArray());
            assertInstanceOf(LoginOutcome.SignedIn.class, logins.attempt(name, "an administrator's one-time password".toCharArray(),
                    "203.0.113.1"), "a new password set by an administrator lifts the lock");
        } finally {
            TestClock.resume();
        }
    }

    /** Guesses as fast as the policy lets them; the refusals, in order. */
    private List<String> slowDownThenLock(String name, char[] right, char[] wrong, String source) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(refused(logins.attempt(name, wrong, source)));
        }
        // From the fourth failure on, each attempt waits twice as long as the one before.
        seen.add(refused(logins.attempt(name, right, source)));
        TestClock.advance(Duration.ofSeconds(1));
        seen.add(refused(logins.attempt(name, wrong, source)));
        seen.add(refused(logins.attempt(name, wrong, source)));
        TestClock.advance(Duration.ofSeconds(2));
        seen.add(refused(logins.attempt(name, wrong, source)));
        TestClock.advance(Duration.ofSeconds(4));
        seen.add(refused(logins.attempt(name, wrong, source)));
        assertEquals(List.of("Wrong user name or password.", "Wrong user name or password.", "Wrong user name or password.",
                "Too many failed logins: wait 1 s before trying again.", "Wrong user name or password.",
                "Too many failed logins: wait 2 s before trying again.", "Wrong user name or password.",
                "Wrong user name or password. Signing in with this user name from your address is now locked for 15 minutes."), seen);
        return seen;
    }

    private static String refused(LoginOutcome outcome) {
        return assertInstanceOf(LoginOutcome.Refused.class, outcome).reason();
    }

    @Test
    void aGoodLoginCarriesTheRoleGroups() {
        String name = "ok-" + UUID.randomUUID().toString().substring(0, 8);
        staffUsers.create(name, null, "a long enough password".toCharArray(), Role.OPERATOR, true);
        LoginOutcome.SignedIn in = assertInstanceOf(LoginOutcome.SignedIn.class,
                logins.attempt(name, "a long enough password".toCharArray(), "198.51.100.21"));
        assertEquals(Role.OPERATOR.groups(), in.groups());
        assertTrue(in.mustChangePassword());
    }

    /** A valid, random UK mobile number (+44 740 to 745) so tests and reruns hardly ever collide. */
    static String uniqueUkMobile() {
        // 60 million numbers (+44 740 to 745): six random digits gave two tests of one run the same number
        return "+4474" + ThreadLocalRandom.current().nextInt(6) + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }
}
