package org.smsconsole.contact.imports;

import org.smsconsole.contact.ContactDetails;
import org.smsconsole.csv.CsvFormatException;
import org.smsconsole.csv.CsvReader;
import org.smsconsole.csv.CsvRecord;
import org.smsconsole.validation.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An inspected file read as chunks of checked rows: each row is a contact ready to write or a
 * rejection with its line and reason. Pure Java (no database), so it can run ahead of the writer.
 */
final class ImportChunks implements AutoCloseable {

    private final CsvReader reader;
    private final List<String> header;
    private final ImportSettings settings;
    private final int size;
    private final PhoneLines seen = new PhoneLines();

    ImportChunks(Path file, List<String> header, ImportSettings settings, int size) throws IOException, CsvFormatException {
        this.reader = new CsvReader(Files.newInputStream(file), ImportLimits.CSV);
        this.header = header;
        this.settings = settings;
        this.size = size;
        try {
            reader.next(); // the header, already inspected
        } catch (IOException | CsvFormatException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The next chunk of up to {@code size} rows, or null after the last row. */
    ImportChunk next() throws IOException, CsvFormatException {
        ImportChunk chunk = new ImportChunk();
        for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
            if (record.isBlank()) {
                continue;
            }
            chunk.processed++;
            check(record, chunk);
            if (chunk.processed >= size) {
                return chunk;
            }
        }
        return chunk.processed == 0 ? null : chunk;
    }

    private void check(CsvRecord record, ImportChunk chunk) {
        String phone = null;
        String name = null;
        String language = null;
        String zone = null;
        Map<String, String> attributes = new HashMap<>();
        for (ColumnMapping c : settings.columns()) {
            if (c.field() == ImportField.IGNORE) {
                continue;
            }
            String value = record.field(c.column());
            if (value == null) {
                chunk.rejections.add(new Rejection(record.line(), "Missing column '" + header.get(c.column()) + "': the row has "
                        + record.fields().size() + " fields, the header " + header.size()));
                return;
            }
            switch (c.field()) {
                case PHONE -> phone = value;
                case NAME -> name = value;
                case LANGUAGE -> language = value;
                case TIME_ZONE -> zone = value;
                case ATTRIBUTE -> attributes.put(c.attribute(), value);
                default -> { }
            }
        }
        ContactDetails details;
        try {
            details = new ContactDetails(phone, name, language, zone, attributes).clean(settings.defaultCountry());
        } catch (InvalidInputException e) {
            chunk.rejections.add(new Rejection(record.line(), e.getMessage()));
            return;
        }
        long first = seen.putIfAbsent(details.phone(), record.line());
        if (first != 0) {
            chunk.rejections.add(new Rejection(record.line(), "Duplicate in the file: the number " + details.phone()
                    + " is already on line " + first));
            return;
        }
        chunk.rows.add(new ImportRow(record.line(), details, zone != null && !zone.isBlank()));
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
