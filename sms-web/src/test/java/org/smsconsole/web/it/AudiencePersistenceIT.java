package org.smsconsole.web.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smsconsole.contact.Consent;
import org.smsconsole.contact.ContactCount;
import org.smsconsole.contact.ContactDetails;
import org.smsconsole.contact.ContactExport;
import org.smsconsole.contact.ContactQuery;
import org.smsconsole.contact.ContactSort;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.contact.imports.AbandonedImports;
import org.smsconsole.contact.imports.ColumnMapping;
import org.smsconsole.contact.imports.ContactImports;
import org.smsconsole.contact.imports.CsvInspection;
import org.smsconsole.contact.imports.ImportJobView;
import org.smsconsole.contact.imports.ImportSettings;
import org.smsconsole.contact.imports.ImportState;
import org.smsconsole.contact.imports.Rejection;
import org.smsconsole.csv.CsvFormatException;
import org.smsconsole.group.GroupView;
import org.smsconsole.group.Groups;
import org.smsconsole.validation.InvalidInputException;

import javax.sql.DataSource;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audience services in the container (CDI, JTA, Hibernate, Flyway, the managed executor):
 * contact details and consent, attribute and group searches, capped counts, groups, CSV import
 * (JDBC batches on H2, COPY and set-based SQL on PostgreSQL) and export, import jobs whose console
 * is gone. Runs on H2 and again on PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
class AudiencePersistenceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.console();
    }

    @Inject
    Contacts contacts;

    @Inject
    Groups groups;

    @Inject
    ContactImports imports;

    @Inject
    ContactExport export;

    @Inject
    AbandonedImports abandoned;

    @Inject
    AuditLog auditLog;

    @Inject
    Clock clock;

    @Resource(lookup = "java:app/jdbc/sms")
    DataSource dataSource;

    @Test
    void detailsAreNormalisedAndTheTimeZoneComesFromTheNumber() {
        String tag = tag();
        ContactView c = contacts.add(new ContactDetails(mobile(), tag + " Ada", "en_gb", null, Map.of("city", " Leeds ", "tier", "")));
        assertEquals("en-GB", c.language());
        assertEquals("Europe/London", c.timeZone());
        assertEquals(Map.of("city", "Leeds"), c.attributes(), "values are trimmed; empty ones are not stored");
        assertEquals(Consent.SUBSCRIBED, c.consent());

        ContactView changed = contacts.change(c.id(), new ContactDetails(c.phone(), c.name(), "pt-BR", "America/Sao_Paulo",
                Map.of("city", "York", "plan", "gold")));
        assertEquals("America/Sao_Paulo", changed.timeZone(), "a given zone overrides the number's");
        assertEquals(Map.of("city", "York", "plan", "gold"), contacts.get(c.id()).attributes());
    }

    @Test
    void badFieldsAreRefusedNamingTheFieldAndNothingIsStored() {
        long before = contacts.count((String) null);
        assertEquals("name", assertThrows(InvalidInputException.class,
                () -> contacts.add(new ContactDetails(mobile(), "x".repeat(201)))).field());
        assertEquals("language", assertThrows(InvalidInputException.class,
                () -> contacts.add(new ContactDetails(mobile(), "n", "12345", null, Map.of()))).field());
        assertEquals("time_zone", assertThrows(InvalidInputException.class,
                () -> contacts.add(new ContactDetails(mobile(), "n", null, "Mars/Olympus", Map.of()))).field());
        assertEquals("attributes", assertThrows(InvalidInputException.class,
                () -> contacts.add(new ContactDetails(mobile(), "n", null, null, Map.of("bad key!", "v")))).field());
        assertEquals("attributes", assertThrows(InvalidInputException.class,
                () -> contacts.add(new ContactDetails(mobile(), "n", null, null, Map.of("k", "v".repeat(501))))).field());
        assertEquals(before, contacts.count((String) null));
    }

    @Test
    void anOperatorOptsAContactOutWithAReasonAndWhen() {
        ContactView c = contacts.add(new ContactDetails(mobile(), tag()));
        ContactView out = contacts.consent(c.id(), Consent.OPTED_OUT, "operator", "asked by phone");
        assertTrue(out.optedOut());
        assertEquals("asked by phone", out.consentReason());
        assertEquals("operator", out.consentSource());
        assertTrue(out.consentChangedAt() != null);
        assertEquals("consent_reason", assertThrows(InvalidInputException.class,
                () -> contacts.consent(c.id(), Consent.SUBSCRIBED, "operator", "r".repeat(501))).field());
        assertTrue(contacts.get(c.id()).optedOut(), "unchanged after the refusal");
    }

    @Test
    void searchesByAttributeAndGroupAndCountsExactlyBelowTheCap() {
        String tag = tag();
        ContactView a = contacts.add(new ContactDetails(mobile(), tag + " a", null, null, Map.of("city", "Leeds")));
        ContactView b = contacts.add(new ContactDetails(mobile(), tag + " b", null, null, Map.of("city", "York")));
        contacts.add(new ContactDetails(mobile(), tag + " c", null, null, Map.of()));
        assertEquals(List.of(a.id()), ids(new ContactQuery(tag, "city", "LEEDS", null)), "attribute values match case-insensitively");
        assertEquals(List.of(a.id(), b.id()), ids(new ContactQuery(tag, "city", null, null)), "an attribute name alone: has it");

        GroupView g = groups.create("Group " + tag);
        assertEquals(2, groups.addMembers(g.id(), List.of(a.id(), b.id())));
        assertEquals(0, groups.addMembers(g.id(), List.of(a.id())), "adding twice changes nothing");
        assertEquals(List.of(a.id(), b.id()), ids(new ContactQuery(null, null, null, g.id())));
        ContactCount count = contacts.countMatching(new ContactQuery(tag, null, null, null));
        assertEquals(new ContactCount(3, ContactCount.Kind.EXACT), count);
        assertEquals(2, groups.get(g.id()).memberCount());
    }

    @Test
    void groupsAreCreatedRenamedFilledFromASearchAndDeletedWithoutTheirContacts() {
        String tag = tag();
        for (int i = 0; i < 4; i++) {
            contacts.add(new ContactDetails(mobile(), tag + " member " + (char) ('a' + i))); // no digits: they would search numbers too
        }
        GroupView g = groups.create("  Readers " + tag + " ");
        assertEquals("Readers " + tag, g.name());
        assertEquals("name", assertThrows(InvalidInputException.class, () -> groups.create("readers " + tag)).field(),
                "names are unique regardless of case");
        assertEquals("name", assertThrows(InvalidInputException.class, () -> groups.create("g".repeat(101))).field());
        assertEquals("Writers " + tag, groups.rename(g.id(), "Writers " + tag).name());

        assertEquals(4, groups.addMatching(g.id(), ContactQuery.text(tag)));
        assertEquals(1, groups.removeMatching(g.id(), ContactQuery.text(tag + " member d")));
        assertEquals(3, groups.get(g.id()).memberCount());
        assertEquals("contact_ids", assertThrows(InvalidInputException.class,
                () -> groups.addMembers(g.id(), List.of(Long.MAX_VALUE))).field());
        assertEquals("phones", assertThrows(InvalidInputException.class,
                () -> contacts.idsOfPhones(List.of("+44 7400 000000"), "phones")).field());

        groups.delete(g.id());
        assertTrue(groups.list().stream().noneMatch(x -> x.id() == g.id()));
        assertEquals(4, contacts.count(tag), "the contacts stay");
        assertEquals(4, contacts.removeMatching(ContactQuery.text(tag)));
        assertEquals(0, contacts.count(tag));
    }

    @Test
    void anImportAddsGoodRowsReportsEveryBadOneAndUpdatesOrSkipsKnownNumbers() throws Exception {
        String tag = tag();
        ContactView known = contacts.add(new ContactDetails(mobile(), tag + " old name", null, null, Map.of("city", "Hull")));
        String n1 = mobile();
        String n2 = mobile();
        String csv = "phone;name;city;language\n"
                + n1 + ";" + tag + " one;Leeds;en\n"               // 2 good
                + "07400 12;" + tag + " bad;York;en\n"            // 3 bad number
                + n2.replace("+44", "0") + ";" + tag + " two;\"Bath; Somerset\";\n" // 4 good, national number
                + n1 + ";" + tag + " dup;Leeds;en\n"              // 5 duplicate in file
                + known.phone() + ";" + tag + " new name;;\n"     // 6 known: updated, city kept
                + "\n"                                            // blank: ignored
                + n2 + "\n";                                      // 8 missing columns
        ImportJobView job = runImport(csv, new ImportSettings(ColumnMapping.guess(List.of("phone", "name", "city", "language")), "GB", true, null));
        assertEquals(ImportState.DONE, job.state());
        assertEquals(6, job.totalRows());
        assertEquals(6, job.processedRows());
        assertEquals(2, job.created());
        assertEquals(1, job.updated());
        assertEquals(3, job.rejected());
        List<Rejection> rejections = imports.rejections(job.id(), 0, 100);
        assertEquals(List.of(3L, 5L, 8L), rejections.stream().map(Rejection::line).toList());
        assertTrue(rejections.get(0).reason().contains("not a valid phone number"), rejections.get(0).reason());
        assertTrue(rejections.get(1).reason().contains("already on line 2"), rejections.get(1).reason());
        assertTrue(rejections.get(2).reason().startsWith("Missing column"), rejections.get(2).reason());

        ContactView two = contacts.findByPhone(n2).orElseThrow();
        assertEquals("Bath; Somerset", two.attributes().get("city"));
        assertEquals("Europe/London", two.timeZone());
        ContactView updated = contacts.get(known.id());
        assertEquals(tag + " new name", updated.name());
        assertEquals("Hull", updated.attributes().get("city"), "an empty cell keeps what is stored");

        // The same file again, skipping known numbers: nothing new, nothing changed.
        ImportJobView again = runImport(csv, new ImportSettings(ColumnMapping.guess(List.of("phone", "name", "city", "language")), "GB", false, null));
        assertEquals(0, again.created());
        assertEquals(3, again.skipped());
        StringWriter report = new StringWriter();
        imports.writeRejections(again.id(), report);
        assertTrue(report.toString().startsWith("line,reason\r\n3,"), report.toString());
    }

    @Test
    void anImportCanFillAGroup() throws Exception {
        String tag = tag();
        ContactView known = contacts.add(new ContactDetails(mobile(), tag + " known"));
        GroupView g = groups.create("Imported " + tag);
        String csv = "mobile,name\n" + mobile() + "," + tag + " new\n" + known.phone() + "," + tag + " known\n";
        ImportJobView job = runImport(csv, new ImportSettings(ColumnMapping.guess(List.of("mobile", "name")), "GB", false, g.id()));
        assertEquals(1, job.created());
        assertEquals(2, groups.get(g.id()).memberCount(), "new and known numbers both join the group");
    }

    @Test
    void aFileLargerThanAChunkIsImportedWholeWithEveryCountRight() throws Exception {
        String tag = tag();
        String block = "+4475" + ThreadLocalRandom.current().nextInt(10, 100) + "0"; // + 5 digits: this run's own numbers
        int rows = 20_500; // more than one chunk (20,000)
        ContactView known = contacts.add(new ContactDetails(block + "00007", tag + " known", "fr", "Europe/Paris",
                Map.of("city", "Hull", "tier", "bronze")));
        GroupView g = groups.create("Large " + tag);
        StringBuilder csv = new StringBuilder("phone,name,city,plan\n");
        for (int i = 0; i < rows; i++) {
            String phone = block + String.format("%05d", i);
            if (i == 20_100) {
                phone = block + "00005";                      // line 20,102: a duplicate of line 7, across chunks
            } else if (i == 3 || i == 20_200) {
                phone = "07500 12";                           // lines 5 and 20,202: not a number
            }
            String name = switch (i) {
                case 10 -> "\"" + tag + " said \"\"hi\"\", twice\"";  // quotes and a comma
                case 20_010 -> tag + " back\\slash \\N Zoë 😀";       // COPY's own escapes mean nothing in CSV mode
                default -> tag + " n" + i;
            };
            csv.append(phone).append(',').append(name).append(',').append(i % 2 == 0 ? "Leeds" : "").append(',').append("gold\n");
        }
        try {
            importLargeFile(tag, block, rows, known, g, csv.toString());
        } finally {
            // 20,000 numbers would match other suites' searches for digits: leave the database as it was.
            contacts.removeMatching(ContactQuery.text(tag));
        }
    }

    private void importLargeFile(String tag, String block, int rows, ContactView known, GroupView g, String csv) throws Exception {
        ImportJobView job = runImport(csv, new ImportSettings(ColumnMapping.guess(List.of("phone", "name", "city", "plan")),
                "GB", true, g.id()));

        assertEquals(ImportState.DONE, job.state(), String.valueOf(job.failure()));
        assertEquals(rows, job.processedRows());
        assertEquals(3, job.rejected());
        assertEquals(1, job.updated());
        assertEquals(rows - 4, job.created());
        assertEquals(List.of(5L, 20_102L, 20_202L), imports.rejections(job.id(), 0, 10).stream().map(Rejection::line).toList());
        assertTrue(imports.rejections(job.id(), 1, 1).get(0).reason().contains("already on line 7"));
        assertEquals(rows - 3, groups.get(g.id()).memberCount(), "new and known numbers join the group");

        ContactView quoted = contacts.findByPhone(block + "00010").orElseThrow();
        assertEquals(tag + " said \"hi\", twice", quoted.name());
        assertEquals(Map.of("city", "Leeds", "plan", "gold"), quoted.attributes());
        assertEquals("Europe/London", quoted.timeZone(), "from the number");
        ContactView second = contacts.findByPhone(block + "20010").orElseThrow();
        assertEquals(tag + " back\\slash \\N Zoë 😀", second.name());
        assertEquals(Map.of("city", "Leeds", "plan", "gold"), second.attributes(), "a row of the second chunk");
        assertEquals(Map.of("plan", "gold"), contacts.findByPhone(block + "20011").orElseThrow().attributes(), "an empty cell adds nothing");

        ContactView updated = contacts.get(known.id());
        assertEquals(tag + " n7", updated.name());
        assertEquals(Map.of("city", "Hull", "tier", "bronze", "plan", "gold"), updated.attributes(),
                "given values are added or replace, empty cells and other attributes stay");
        assertEquals("Europe/Paris", updated.timeZone(), "no zone in the file: the stored one stays");
        assertEquals("fr", updated.language());

        // Ids come from the sequence in blocks Hibernate respects: entity inserts after the import do not collide.
        ContactView after = contacts.add(new ContactDetails(block + "99999", tag + " after"));
        assertEquals(tag + " after", contacts.get(after.id()).name());

        ImportJobView again = runImport(csv, new ImportSettings(ColumnMapping.guess(List.of("phone", "name", "city", "plan")),
                "GB", false, g.id()));
        assertEquals(0, again.created());
        assertEquals(rows - 3, again.skipped());
        assertEquals(3, again.rejected());
        assertEquals(rows - 3, groups.get(g.id()).memberCount());
        assertEquals(tag + " n7", contacts.get(known.id()).name(), "skipped numbers are not changed");
    }

    @Test
    void jobsWhoseConsoleWentSilentAreMarkedFailedSayingHowFarTheyGot() throws Exception {
        TestClock.stop();
        List<Long> fakes = new java.util.ArrayList<>();
        try {
            // Jobs as a console that crashed mid-run would leave them, and one of a console still alive.
            long dead = fakeJob("RUNNING", 40_000, 100_000, clock.instant());
            long queued = fakeJob("QUEUED", 0, 500, clock.instant());
            fakes.addAll(List.of(dead, queued));
            TestClock.advance(Duration.ofMinutes(1));
            long alive = fakeJob("RUNNING", 10, 100, clock.instant());
            fakes.add(alive);
            assertEquals(ImportState.RUNNING, imports.job(dead).state(), "silent for one minute only");

            TestClock.advance(Duration.ofSeconds(90));
            ImportJobView failed = imports.job(dead); // reading it is enough
            assertEquals(ImportState.FAILED, failed.state());
            assertEquals("Interrupted by a restart or crash after 40000 of 100000 rows; the rows before were imported", failed.failure());
            assertEquals(clock.instant(), failed.finishedAt());
            assertEquals(1, failures(dead));

            abandoned.reap(); // what the console's timer does
            assertEquals(ImportState.FAILED, imports.job(queued).state());
            assertEquals("Interrupted by a restart or crash after 0 of 500 rows; the rows before were imported", imports.job(queued).failure());
            assertEquals(ImportState.RUNNING, imports.job(alive).state(), "its console beat 90 s ago");
            assertEquals(1, failures(dead), "marked once");
        } finally {
            TestClock.resume();
            try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement("delete from import_job where id = ?")) {
                for (long id : fakes) {
                    p.setLong(1, id);
                    p.executeUpdate();
                }
            }
        }
    }

    @Test
    void aRealImportKeepsItsHeartbeat() throws Exception {
        String csv = "phone,name\n" + mobile() + "," + tag() + "\n";
        ImportJobView job = runImport(csv, new ImportSettings(ColumnMapping.guess(List.of("phone", "name")), "GB", false, null));
        assertEquals(ImportState.DONE, job.state());
        try (Connection c = dataSource.getConnection();
             PreparedStatement p = c.prepareStatement("select heartbeat_at from import_job where id = ?")) {
            p.setLong(1, job.id());
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                assertFalse(rs.getObject(1, OffsetDateTime.class) == null, "the run moved its heartbeat");
            }
        }
    }

    @Test
    void aFileThatIsNotUtf8OrNotCsvIsRefusedWhole() throws Exception {
        Path latin1 = Files.createTempFile("latin1", ".csv");
        Files.write(latin1, ("phone,name\n+447400111111,Jos\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> CsvInspection.of(latin1));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());

        Path unclosed = Files.createTempFile("unclosed", ".csv");
        Files.writeString(unclosed, "phone,name\n+447400111111,\"Ann\n");
        assertTrue(assertThrows(CsvFormatException.class, () -> CsvInspection.of(unclosed)).getMessage().contains("never closed"));

        Path noPhone = Files.createTempFile("nophone", ".csv");
        Files.writeString(noPhone, "name,city\nAnn,Leeds\n");
        CsvInspection inspection = CsvInspection.of(noPhone);
        long jobsBefore = jobs();
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> imports.start(noPhone, "nophone.csv", inspection,
                new ImportSettings(ColumnMapping.guess(inspection.header()), "GB", false, null)));
        assertEquals("columns", refused.field());
        assertEquals(jobsBefore, jobs(), "no job was recorded");
    }

    @Test
    void theExportStreamsTheSearchWithAttributesAsColumns() {
        String tag = tag();
        ContactView a = contacts.add(new ContactDetails(mobile(), "=cmd " + tag, null, null, Map.of("zz_" + tag, "v1")));
        contacts.add(new ContactDetails(mobile(), "other " + UUID.randomUUID()));
        StringWriter out = new StringWriter();
        assertEquals(1, export.write(ContactQuery.text(tag), out));
        String[] lines = out.toString().split("\r\n");
        assertEquals(2, lines.length, out.toString());
        assertTrue(lines[0].startsWith("phone,name,language,time_zone,consent,"), lines[0]);
        assertTrue(lines[0].endsWith(",zz_" + tag), lines[0]);
        assertTrue(lines[1].startsWith(a.phone() + ",'=cmd " + tag + ",,Europe/London,subscribed,"), "formulas are defused: " + lines[1]);
        assertTrue(lines[1].endsWith(",v1"), lines[1]);
    }

    @Test
    void pagesComeInIndexOrderWithIdsBreakingTies() {
        String tag = tag();
        for (int i = 0; i < 3; i++) {
            contacts.add(new ContactDetails(mobile(), tag + " same"));
        }
        List<ContactView> asc = contacts.page(ContactQuery.text(tag), ContactSort.NAME, true, 0, 10);
        List<ContactView> desc = contacts.page(ContactQuery.text(tag), ContactSort.NAME, false, 0, 10);
        assertEquals(asc.stream().map(ContactView::id).sorted().toList(), asc.stream().map(ContactView::id).toList());
        List<ContactView> reversed = new java.util.ArrayList<>(asc);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed.stream().map(ContactView::id).toList(), desc.stream().map(ContactView::id).toList());
        assertFalse(contacts.countMatching(ContactQuery.ALL).value() < 3);
    }

    @Test
    void aSearchPagesAlikeWhetherItsHitsAreSortedOrItsOrderIsWalked() {
        String tag = tag();
        for (String name : List.of("delta", "alpha", "charlie", "alpha", "echo", "bravo", "delta")) {
            contacts.add(new ContactDetails(mobile(), tag + " " + name));
        }
        ContactQuery query = ContactQuery.text(tag);
        ContactCount few = contacts.countMatching(query);
        assertEquals(new ContactCount(7, ContactCount.Kind.EXACT), few);
        ContactCount many = new ContactCount(Contacts.COUNT_CAP, ContactCount.Kind.AT_LEAST); // as past the cap: walks the order
        for (ContactSort sort : ContactSort.values()) {
            for (boolean ascending : new boolean[]{true, false}) {
                List<Long> walked = new java.util.ArrayList<>();
                for (int first = 0; first < 9; first += 3) {
                    List<Long> sorted = ids(contacts.page(query, few, sort, ascending, first, 3));
                    assertEquals(ids(contacts.page(query, many, sort, ascending, first, 3)), sorted, sort + " " + ascending + " from " + first);
                    assertEquals(sorted, ids(contacts.page(query, sort, ascending, first, 3)), "uncounted, " + sort);
                    walked.addAll(sorted);
                }
                assertEquals(7, walked.size(), sort + " " + ascending + ": " + walked);
                assertEquals(7, new java.util.HashSet<>(walked).size(), "no contact twice: " + walked);
            }
        }
        List<String> names = contacts.page(query, few, ContactSort.NAME, true, 0, 7).stream().map(ContactView::name).toList();
        assertEquals(List.of("alpha", "alpha", "bravo", "charlie", "delta", "delta", "echo"),
                names.stream().map(n -> n.substring(tag.length() + 1)).toList());
        assertTrue(contacts.page(query, few, ContactSort.NAME, true, 7, 3).isEmpty());
    }

    @Test
    void deletingContactsByAnyPathTakesTheirAttributesWithThem() throws Exception {
        String tag = tag();
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = tag + " " + List.of("ann", "bob", "cy", "di").get(i);
            ids.add(contacts.add(new ContactDetails(mobile(), name, null, null, Map.of("city", "Leeds", "plan", "gold"))).id());
        }
        assertEquals(8, attributesOf(ids));
        contacts.remove(ids.get(0));
        assertEquals(6, attributesOf(ids));
        contacts.removeAll(List.of(ids.get(1)));
        assertEquals(4, attributesOf(ids));
        assertEquals(1, contacts.removeMatching(ContactQuery.text(tag + " cy")));
        assertEquals(2, attributesOf(ids));
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement("delete from contact where id = ?")) {
            p.setLong(1, ids.get(3)); // plain SQL too: the database cascades (a foreign key on H2, a trigger on PostgreSQL)
            assertEquals(1, p.executeUpdate());
        }
        assertEquals(0, attributesOf(ids));
    }

    private long attributesOf(List<Long> contactIds) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "select count(*) from contact_attribute where contact_id in (?, ?, ?, ?)")) {
            for (int i = 0; i < 4; i++) {
                p.setLong(i + 1, contactIds.get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Long> ids(List<ContactView> page) {
        return page.stream().map(ContactView::id).toList();
    }

    private ImportJobView runImport(String csv, ImportSettings settings) throws Exception {
        Path file = Files.createTempFile("import", ".csv");
        Files.writeString(file, csv);
        ImportJobView started = imports.start(file, "test.csv", CsvInspection.of(file), settings);
        await().atMost(Duration.ofMinutes(2)).until(() -> imports.job(started.id()).state().finished());
        // The worker deletes the upload in its finally block, just after the job's last commit.
        await("the job removes its upload").atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(file));
        return imports.job(started.id());
    }

    private long failures(long jobId) {
        return auditLog.search("import " + jobId, 0, 100).stream()
                .filter(e -> e.getSubject().equals("import " + jobId) && e.getAction().equals("CONTACTS_IMPORT_FAILED")).count();
    }

    /** An import job row as another console process would have left it; its id from the sequence the way Hibernate takes it. */
    private long fakeJob(String state, long processed, long total, Instant heartbeat) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            long id;
            try (ResultSet rs = c.createStatement().executeQuery("select nextval('import_job_seq')")) {
                rs.next();
                id = rs.getLong(1); // a value owns itself and the 49 below it
            }
            try (PreparedStatement p = c.prepareStatement("insert into import_job (id, file_name, state, update_existing, default_country,"
                    + " total_rows, processed_rows, created_count, updated_count, skipped_count, rejected_count, started_by, created_at,"
                    + " heartbeat_at) values (?, 'elsewhere.csv', ?, false, 'GB', ?, ?, ?, 0, 0, 0, 'operator', ?, ?)")) {
                OffsetDateTime at = OffsetDateTime.ofInstant(heartbeat, ZoneOffset.UTC);
                p.setLong(1, id);
                p.setString(2, state);
                p.setLong(3, total);
                p.setLong(4, processed);
                p.setLong(5, processed);
                p.setObject(6, at);
                p.setObject(7, at);
                p.executeUpdate();
            }
            return id;
        }
    }

    private long jobs() throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery("select count(*) from import_job")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<Long> ids(ContactQuery query) {
        return contacts.page(query, ContactSort.NAME, true, 0, 100).stream().map(ContactView::id).toList();
    }

    /** Letters only: a search text with digits also matches phone numbers holding them. */
    private static String tag() {
        StringBuilder tag = new StringBuilder("t");
        ThreadLocalRandom.current().ints(8, 'a', 'z' + 1).forEach(ch -> tag.append((char) ch));
        return tag.toString();
    }

    /** A valid random UK mobile (+44 740 to 745). */
    private static String mobile() {
        // 60 million numbers (+44 740 to 745): six random digits gave two tests of one run the same number
        return "+4474" + ThreadLocalRandom.current().nextInt(6) + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }
}
