package org.smsconsole.web.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.LazyDataModel;
import org.smsconsole.audit.AuditEntry;
import org.smsconsole.audit.AuditLog;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The audit log, newest first, searchable (ADMIN only, enforced by the /admin/* constraint). */
@Named
@ViewScoped
public class AuditScreen implements Serializable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    transient AuditLog auditLog;

    private String search;
    private LazyDataModel<AuditEntry> entries;

    @PostConstruct
    void init() {
        AuditLog log = auditLog;
        entries = new PagedTable<>(() -> log.count(search), (first, size) -> log.search(search, first, size),
                entry -> String.valueOf(entry.getId()));
    }

    public String format(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    public LazyDataModel<AuditEntry> getEntries() {
        return entries;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }
}
