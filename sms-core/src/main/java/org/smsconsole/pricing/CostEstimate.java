package org.smsconsole.pricing;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a campaign would cost: its deliverable recipients, their message parts (counted for each recipient when
 * {@code exact}, else the sample's parts times the recipients), the money per currency, and the countries
 * without a price (their recipients are in no sum).
 */
public record CostEstimate(long recipients, long parts, boolean exact, int samplePartsPerMessage,
                           Map<String, BigDecimal> moneyByCurrency, Map<String, Long> recipientsByCountry,
                           List<String> countriesWithoutPrice) implements Serializable {

    public boolean priced() {
        return countriesWithoutPrice.isEmpty();
    }
}
