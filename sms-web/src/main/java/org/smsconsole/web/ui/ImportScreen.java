package org.smsconsole.web.ui;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import org.smsconsole.config.ConsoleSettings;
import org.smsconsole.contact.imports.ColumnMapping;
import org.smsconsole.contact.imports.ContactImports;
import org.smsconsole.contact.imports.CsvInspection;
import org.smsconsole.contact.imports.ImportField;
import org.smsconsole.contact.imports.ImportJobView;
import org.smsconsole.contact.imports.ImportSettings;
import org.smsconsole.contact.imports.Rejection;
import org.smsconsole.csv.CsvFormatException;
import org.smsconsole.group.GroupView;
import org.smsconsole.group.Groups;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** CSV import: upload, map columns with a preview, choose country and update-or-skip, then watch the job and its report. */
@Named
@ViewScoped
public class ImportScreen implements Serializable {

    static final int REPORT_ROWS = 200;

    @Inject
    transient ContactImports imports;

    @Inject
    transient Groups groups;

    @Inject
    transient ConsoleSettings settings;

    @Inject
    transient SecurityContext securityContext;

    private String fileName;
    private String uploadedFile;
    private CsvInspection inspection;
    private List<ColumnChoice> columns = new ArrayList<>();
    private String defaultCountry;
    private boolean updateExisting;
    private Long groupId;
    private Long jobId;

    /** One column of the file and what it becomes. */
    public static class ColumnChoice implements Serializable {
        private final String header;
        private String field;
        private String attribute;

        ColumnChoice(ColumnMapping guess, String header) {
            this.header = header;
            this.field = guess.field().name();
            this.attribute = guess.field() == ImportField.ATTRIBUTE ? guess.attribute() : ColumnMapping.attributeName(header);
        }

        public String getHeader() {
            return header;
        }

        public String getField() {
            return field;
        }

        public void setField(String field) {
            this.field = field;
        }

        public String getAttribute() {
            return attribute;
        }

        public void setAttribute(String attribute) {
            this.attribute = attribute;
        }
    }

    public long getMaxFileBytes() {
        return org.smsconsole.contact.imports.ImportLimits.MAX_FILE_BYTES;
    }

    public long getMaxFileMegabytes() {
        return org.smsconsole.contact.imports.ImportLimits.MAX_FILE_BYTES / (1024 * 1024);
    }

    public int getMaxColumns() {
        return org.smsconsole.contact.imports.ImportLimits.MAX_COLUMNS;
    }

    public int getMaxAttributes() {
        return org.smsconsole.contact.ContactDetails.MAX_ATTRIBUTES;
    }

    public int getMaxLineKilobytes() {
        return org.smsconsole.contact.imports.ImportLimits.MAX_LINE_CHARS / 1024;
    }

    public String getTooLargeMessage() {
        return org.smsconsole.contact.imports.ImportLimits.tooLarge();
    }

    public boolean isMayImport() {
        return securityContext.isCallerInRole(Role.OPERATOR.name());
    }

    public void upload(FileUploadEvent event) {
        if (!isMayImport()) {
            throw new SecurityException("Only operators may import contacts");
        }
        discardUpload();
        jobId = null;
        Path file = null;
        try (InputStream in = event.getFile().getInputStream()) {
            file = Files.createTempFile("sms-import-", ".csv");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            inspection = CsvInspection.of(file);
            uploadedFile = file.toString();
            fileName = event.getFile().getFileName();
            List<ColumnMapping> guesses = ColumnMapping.guess(inspection.header());
            columns = new ArrayList<>();
            for (int i = 0; i < guesses.size(); i++) {
                columns.add(new ColumnChoice(guesses.get(i), inspection.header().get(i)));
            }
            if (defaultCountry == null) {
                defaultCountry = settings.defaultCountry();
            }
        } catch (CsvFormatException e) {
            Messages.error("The file was not imported: " + e.getMessage());
            delete(file);
        } catch (IOException e) {
            Messages.error("The upload could not be read: " + e.getMessage());
            delete(file);
        }
    }

    public void start() {
        if (!isMayImport() || inspection == null) {
            return;
        }
        List<ColumnMapping> mappings = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ImportField field = ImportField.valueOf(columns.get(i).getField());
            mappings.add(new ColumnMapping(i, field, field == ImportField.ATTRIBUTE ? columns.get(i).getAttribute() : null));
        }
        try {
            ImportJobView job = imports.start(Path.of(uploadedFile), fileName, inspection,
                    new ImportSettings(mappings, defaultCountry, updateExisting, groupId));
            jobId = job.id();
            uploadedFile = null; // the job owns the file now
            inspection = null;
        } catch (InvalidInputException e) {
            Messages.error(e.getMessage());
        }
    }

    public void startOver() {
        discardUpload();
        jobId = null;
    }

    private void discardUpload() {
        if (uploadedFile != null) {
            delete(Path.of(uploadedFile));
        }
        uploadedFile = null;
        inspection = null;
        columns = new ArrayList<>();
    }

    private static void delete(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temp file left behind is removed with the temp directory
        }
    }

    public ImportJobView getJob() {
        return jobId == null ? null : imports.job(jobId);
    }

    public boolean isRunning() {
        ImportJobView job = getJob();
        return job != null && !job.state().finished();
    }

    public List<Rejection> getRejections() {
        return jobId == null ? List.of() : imports.rejections(jobId, 0, REPORT_ROWS);
    }

    public StreamedContent getReport() {
        long id = jobId;
        return DefaultStreamedContent.builder().name("import-" + id + "-rejections.csv").contentType("text/csv; charset=UTF-8")
                .writer(out -> CDI.current().select(ContactImports.class).get()
                        .writeRejections(id, new OutputStreamWriter(out, StandardCharsets.UTF_8)))
                .build();
    }

    /** Region codes with their English names, by name. */
    public Map<String, String> getCountries() {
        Map<String, String> byName = new TreeMap<>(Comparator.naturalOrder());
        for (String region : com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions()) {
            byName.put(new Locale("", region).getDisplayCountry(Locale.ENGLISH) + " (" + region + ")", region);
        }
        return byName;
    }

    public List<GroupView> getGroups() {
        return groups.list();
    }

    public ImportField[] getFields() {
        return ImportField.values();
    }

    public CsvInspection getInspection() {
        return inspection;
    }

    /** Preview cell, blank where a short row has none. */
    public String cell(List<String> row, int column) {
        return column < row.size() ? row.get(column) : "";
    }

    public List<ColumnChoice> getColumns() {
        return columns;
    }

    public String getFileName() {
        return fileName;
    }

    public String getDefaultCountry() {
        return defaultCountry;
    }

    public void setDefaultCountry(String defaultCountry) {
        this.defaultCountry = defaultCountry;
    }

    public boolean isUpdateExisting() {
        return updateExisting;
    }

    public void setUpdateExisting(boolean updateExisting) {
        this.updateExisting = updateExisting;
    }

    public Long getGroupId() {
        return groupId;
    }

    public void setGroupId(Long groupId) {
        this.groupId = groupId;
    }
}
