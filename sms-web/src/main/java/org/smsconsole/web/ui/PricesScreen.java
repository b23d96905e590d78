package org.smsconsole.web.ui;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.smsconsole.pricing.MessagePrice;
import org.smsconsole.pricing.Prices;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/** Admin › Prices: what one message part costs per country, for the campaign wizard's estimate. */
@Named
@ViewScoped
public class PricesScreen implements Serializable {

    @Inject
    transient Prices prices;

    @Inject
    transient SecurityContext securityContext;

    private String country;
    private BigDecimal price;
    private String currency = "EUR";

    public List<MessagePrice> getPrices() {
        return prices.list();
    }

    public void save() {
        requireAdmin();
        try {
            MessagePrice saved = prices.set(country, price, currency);
            Messages.info("A part to " + saved.getCountryCode() + " costs " + saved.getPricePerPart().stripTrailingZeros().toPlainString() + " "
                    + saved.getCurrency());
            country = null;
            price = null;
        } catch (InvalidInputException e) {
            Messages.fieldError("priceForm", e);
        }
    }

    /** Puts a row into the form to change it. */
    public void edit(MessagePrice row) {
        country = row.getCountryCode();
        price = row.getPricePerPart();
        currency = row.getCurrency();
    }

    public void remove(MessagePrice row) {
        requireAdmin();
        try {
            prices.remove(row.getCountryCode());
            Messages.info("No price for " + row.getCountryCode() + " any more");
        } catch (NotFoundException e) {
            Messages.info("That price was already removed.");
        }
    }

    private void requireAdmin() {
        if (!securityContext.isCallerInRole(Role.ADMIN.name())) {
            throw new SecurityException("Only admins may change prices");
        }
    }

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public void setPrice(BigDecimal price) {
        this.price = price;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }
}
