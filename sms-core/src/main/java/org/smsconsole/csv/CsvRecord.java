package org.smsconsole.csv;

import java.util.List;

/** One CSV record and the physical line it starts on (1 = the header), for error reports. */
public record CsvRecord(long line, List<String> fields) {

    public String field(int index) {
        return index < fields.size() ? fields.get(index) : null;
    }

    public boolean isBlank() {
        return fields.stream().allMatch(String::isBlank);
    }
}
