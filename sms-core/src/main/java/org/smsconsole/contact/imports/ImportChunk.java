package org.smsconsole.contact.imports;

import java.util.ArrayList;
import java.util.List;

/** The rows of one transaction: the good ones and the rejections found while reading them. */
public final class ImportChunk {
    final List<ImportRow> rows = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    long processed;

    boolean isEmpty() {
        return rows.isEmpty() && rejections.isEmpty();
    }
}
