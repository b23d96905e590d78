package org.smsconsole.web.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.primefaces.model.LazyDataModel;
import org.smsconsole.consent.SuppressedNumber;
import org.smsconsole.consent.SuppressionImport;
import org.smsconsole.consent.Suppressions;
import org.smsconsole.phone.PhoneNumbers;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.io.Serializable;

/** The suppression list: numbers never to message; add one, import many, remove. */
@Named
@ViewScoped
public class SuppressionsScreen implements Serializable {

    @Inject
    transient Suppressions suppressions;

    @Inject
    transient SecurityContext securityContext;

    private String search;
    private String phone;
    private String reason;
    private String list;
    private SuppressionImport lastImport;
    private LazyDataModel<SuppressedNumber> numbers;

    @PostConstruct
    void init() {
        Suppressions service = suppressions;
        numbers = new PagedTable<>(() -> service.count(search), (first, size) -> service.page(search, first, size),
                SuppressedNumber::getPhone);
    }

    public boolean isMayEdit() {
        return securityContext.isCallerInRole(Role.OPERATOR.name());
    }

    public void add() {
        requireOperator();
        try {
            SuppressedNumber added = suppressions.add(phone, reason);
            Messages.info(PhoneNumbers.display(added.getPhone()) + " is on the suppression list");
            phone = null;
            reason = null;
        } catch (InvalidInputException e) {
            Messages.fieldError("addForm", e);
        }
    }

    public void importList() {
        requireOperator();
        try {
            lastImport = suppressions.importList(list, reason);
            Messages.info(lastImport.added() + " added, " + lastImport.alreadyListed() + " already listed, "
                    + lastImport.rejected().size() + " refused");
            list = null;
        } catch (InvalidInputException e) {
            Messages.fieldError("importForm", e);
        }
    }

    public void remove(SuppressedNumber number) {
        requireOperator();
        try {
            suppressions.remove(number.getPhone());
            Messages.info(PhoneNumbers.display(number.getPhone()) + " may be messaged again");
        } catch (NotFoundException e) {
            Messages.info("That number was already removed.");
        }
    }

    private void requireOperator() {
        if (!isMayEdit()) {
            throw new SecurityException("Only operators may change the suppression list");
        }
    }

    public String display(String e164) {
        return PhoneNumbers.display(e164);
    }

    public LazyDataModel<SuppressedNumber> getNumbers() {
        return numbers;
    }

    public SuppressionImport getLastImport() {
        return lastImport;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getList() {
        return list;
    }

    public void setList(String list) {
        this.list = list;
    }
}
