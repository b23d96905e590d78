package org.smsconsole.pricing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** What one message part to a country costs. */
@Entity
@Table(name = "message_price")
public class MessagePrice {

    @Id
    @Column(name = "country_code", length = 2)
    private String countryCode;

    @Column(name = "price_per_part", nullable = false, precision = 12, scale = 5)
    private BigDecimal pricePerPart;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected MessagePrice() {
    }

    MessagePrice(String countryCode) {
        this.countryCode = countryCode;
    }

    void set(BigDecimal pricePerPart, String currency, String updatedBy, Instant updatedAt) {
        this.pricePerPart = pricePerPart;
        this.currency = currency;
        this.updatedBy = updatedBy;
        this.updatedAt = updatedAt;
    }

    public String getCountryCode() {
        return countryCode;
    }

    public BigDecimal getPricePerPart() {
        return pricePerPart;
    }

    public String getCurrency() {
        return currency;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
