package org.smsconsole.contact;

/** Whether a contact may receive campaign messages. Checked again at release, not only here. */
public enum Consent {
    SUBSCRIBED, OPTED_OUT;

    /** The REST API's spelling: {@code subscribed}, {@code opted_out}. */
    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Consent fromApi(String value) {
        for (Consent c : values()) {
            if (c.apiName().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return c;
            }
        }
        throw new org.smsconsole.validation.InvalidInputException("consent", "Consent is 'subscribed' or 'opted_out'");
    }
}
