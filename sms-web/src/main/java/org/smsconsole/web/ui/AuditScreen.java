package org.smsconsole.web.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.smsconsole.audit.AuditEntry;
import org.smsconsole.audit.AuditLog;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

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
        entries = new LazyDataModel<>() {
            @Override
            public int count(Map<String, FilterMeta> filterBy) {
                return (int) Math.min(Integer.MAX_VALUE, log.count(search));
            }

            @Override
            public List<AuditEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
                setRowCount(count(filterBy));
                return log.search(search, first, pageSize);
            }

            @Override
            public String getRowKey(AuditEntry entry) {
                return String.valueOf(entry.getId());
            }
        };
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
