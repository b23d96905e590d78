package org.smsconsole.pricing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.math.BigDecimal;
import java.security.Principal;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Prices per message part and destination country, kept by admins for cost estimates. */
@ApplicationScoped
@Transactional
public class Prices {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000");

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    SecurityContext securityContext;

    public List<MessagePrice> list() {
        return em.createQuery("select p from MessagePrice p order by p.countryCode", MessagePrice.class).getResultList();
    }

    /** The price of one part to {@code regionCode} (ISO 3166 alpha-2), if one is set. */
    public Optional<MessagePrice> perPart(String regionCode) {
        return regionCode == null ? Optional.empty()
                : Optional.ofNullable(em.find(MessagePrice.class, regionCode.toUpperCase(Locale.ROOT)));
    }

    /** Adds or replaces the price for a country. */
    public MessagePrice set(String country, BigDecimal pricePerPart, String currency) {
        String code = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(code)) {
            throw new InvalidInputException("country", "'" + (country == null ? "" : country.strip())
                    + "' is not an ISO country code such as GB or US");
        }
        if (pricePerPart == null || pricePerPart.signum() < 0 || pricePerPart.compareTo(MAX_PRICE) >= 0) {
            throw new InvalidInputException("price", "A price of zero or more, below " + MAX_PRICE.toPlainString());
        }
        if (pricePerPart.stripTrailingZeros().scale() > 5) {
            throw new InvalidInputException("price", "At most 5 decimal places");
        }
        String cur = currency == null ? "" : currency.strip().toUpperCase(Locale.ROOT);
        if (Currency.getAvailableCurrencies().stream().noneMatch(c -> c.getCurrencyCode().equals(cur))) {
            throw new InvalidInputException("currency", "'" + (currency == null ? "" : currency.strip())
                    + "' is not an ISO currency code such as EUR or USD");
        }
        MessagePrice price = em.find(MessagePrice.class, code);
        String before = price == null ? "none" : price.getPricePerPart().toPlainString() + " " + price.getCurrency();
        if (price == null) {
            price = new MessagePrice(code);
            price.set(pricePerPart, cur, caller(), clock.instant());
            em.persist(price);
        } else {
            price.set(pricePerPart, cur, caller(), clock.instant());
        }
        audit.record("PRICE_SET", "price " + code, before + " -> " + pricePerPart.toPlainString() + " " + cur + " per part");
        return price;
    }

    public void remove(String country) {
        String code = country == null ? "" : country.toUpperCase(Locale.ROOT);
        MessagePrice price = em.find(MessagePrice.class, code);
        if (price == null) {
            throw new NotFoundException("Price", code);
        }
        em.remove(price);
        audit.record("PRICE_REMOVED", "price " + code, price.getPricePerPart().toPlainString() + " " + price.getCurrency());
    }

    private String caller() {
        Principal p = securityContext.getCallerPrincipal();
        return p == null ? "system" : p.getName();
    }
}
