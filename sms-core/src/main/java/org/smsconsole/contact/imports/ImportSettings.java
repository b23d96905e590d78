package org.smsconsole.contact.imports;

import java.io.Serializable;
import java.util.List;

/** How to read one file: which column is what, the country for national numbers, and what to do with known numbers. */
public record ImportSettings(List<ColumnMapping> columns, String defaultCountry, boolean updateExisting, Long groupId)
        implements Serializable {
}
