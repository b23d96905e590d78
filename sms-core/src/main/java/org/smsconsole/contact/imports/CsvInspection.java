package org.smsconsole.contact.imports;

import org.smsconsole.csv.CsvFormatException;
import org.smsconsole.csv.CsvReader;
import org.smsconsole.csv.CsvRecord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole file read once before anything is written: if it is not UTF-8, not CSV, empty, or beyond the
 * {@link ImportLimits} (columns, line length), it is refused as a whole (so nothing is half-imported);
 * otherwise its header, first rows and row count.
 */
public record CsvInspection(List<String> header, List<List<String>> preview, long rows) implements java.io.Serializable {

    public static final int PREVIEW_ROWS = 5;

    public static CsvInspection of(Path file) throws CsvFormatException, IOException {
        try (InputStream in = Files.newInputStream(file); CsvReader reader = new CsvReader(in, ImportLimits.CSV)) {
            CsvRecord header = reader.next();
            if (header == null || header.isBlank()) {
                throw new CsvFormatException(1, "The file is empty: the first line must name the columns");
            }
            List<List<String>> preview = new ArrayList<>();
            long rows = 0;
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                if (record.isBlank()) {
                    continue;
                }
                rows++;
                if (preview.size() < PREVIEW_ROWS) {
                    preview.add(record.fields());
                }
            }
            return new CsvInspection(List.copyOf(header.fields()), preview, rows);
        }
    }
}
