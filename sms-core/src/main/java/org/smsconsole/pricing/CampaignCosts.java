package org.smsconsole.pricing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.smsconsole.campaign.CampaignAudience;
import org.smsconsole.contact.ContactView;
import org.smsconsole.contact.Contacts;
import org.smsconsole.phone.PhoneNumbers;
import org.smsconsole.template.Templates;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Estimates a campaign's cost before it is scheduled. Rendering and counting every body would be too slow for a
 * large audience, so up to {@link #EXACT_UP_TO} recipients are counted one by one and larger audiences from the
 * first recipient's rendering (an estimate: names and attributes of other lengths may change the parts).
 */
@ApplicationScoped
@Transactional
public class CampaignCosts {

    public static final int EXACT_UP_TO = 500;

    @Inject
    CampaignAudience audience;

    @Inject
    Contacts contacts;

    @Inject
    Templates templates;

    @Inject
    Prices prices;

    public CostEstimate estimate(Collection<Long> groupIds, String body) {
        Map<String, Long> byCountry = new TreeMap<>(audience.countries(groupIds));
        long recipients = byCountry.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Optional<MessagePrice>> price = new LinkedHashMap<>();
        byCountry.keySet().forEach(c -> price.put(c, prices.perPart(c)));
        List<String> missing = price.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        Map<String, BigDecimal> money = new TreeMap<>();
        boolean exact = recipients <= EXACT_UP_TO;
        List<ContactView> sample = contacts.load(audience.sample(groupIds, exact ? EXACT_UP_TO : 1));
        int sampleParts = sample.isEmpty() ? 0 : parts(body, sample.get(0));
        long parts = 0;
        if (exact) {
            for (ContactView contact : sample) {
                int n = parts(body, contact);
                parts += n;
                price.getOrDefault(PhoneNumbers.regionOf(contact.phone()), Optional.empty())
                        .ifPresent(p -> money.merge(p.getCurrency(), p.getPricePerPart().multiply(BigDecimal.valueOf(n)), BigDecimal::add));
            }
        } else {
            parts = recipients * sampleParts;
            byCountry.forEach((country, n) -> price.get(country).ifPresent(p -> money.merge(p.getCurrency(),
                    p.getPricePerPart().multiply(BigDecimal.valueOf(n * sampleParts)), BigDecimal::add)));
        }
        return new CostEstimate(recipients, parts, exact, sampleParts, money, byCountry, new ArrayList<>(missing));
    }

    private int parts(String body, ContactView contact) {
        return templates.preview(body, contact).count().parts();
    }
}
