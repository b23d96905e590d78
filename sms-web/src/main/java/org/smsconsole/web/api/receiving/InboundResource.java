package org.smsconsole.web.api.receiving;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.smsconsole.config.ConsoleSettings;
import org.smsconsole.inbound.InboundSearch;
import org.smsconsole.inbound.Inbounds;
import org.smsconsole.inbound.KeywordAction;
import org.smsconsole.phone.InvalidPhoneNumberException;
import org.smsconsole.phone.PhoneNumbers;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.web.api.ApiAccess;
import org.smsconsole.web.api.Paging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /api/inbound}: the messages people sent us, newest first, for other systems to read; paged like every
 * list and filtered by sender, contact, time received, keyword action and text. Query values are read as text so
 * that a bad one is a 400 naming it (JAX-RS would answer 404).
 */
@Path("inbound")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InboundResource {


    @Inject
    Inbounds inbounds;

    @Inject
    ConsoleSettings settings;

    @Context
    SecurityContext security;

    public record InboundPage(long count, int page, @JsonbProperty("page_size") int pageSize, List<InboundJson> inbound) {
    }

    @GET
    public InboundPage list(@QueryParam("from") String from, @QueryParam("contact_id") String contactId,
                            @QueryParam("since") String since, @QueryParam("until") String until,
                            @QueryParam("keyword_action") String keywordAction, @QueryParam("q") String text,
                            @QueryParam("page") String page, @QueryParam("page_size") String pageSize) {
        ApiAccess.require(security, Role.VIEWER);
        Paging paging = Paging.parse(page, pageSize);
        Instant after = instant("since", since);
        Instant before = instant("until", until);
        if (after != null && before != null && !before.isAfter(after)) {
            throw new InvalidInputException("until", "until must be after since");
        }
        Long contact = id("contact_id", contactId);
        KeywordAction action = keywordAction == null || keywordAction.isBlank() ? null : KeywordAction.fromApi("keyword_action", keywordAction);
        String contains = text == null || text.isBlank() ? null : text.strip();
        if (contains != null && contains.length() > 200) {
            throw new InvalidInputException("q", "At most 200 characters");
        }
        InboundSearch search = new InboundSearch(phone(from), contact, after, before, action, contains);
        List<InboundJson> items = inbounds.page(search, paging.first(), paging.size()).stream().map(InboundJson::of).toList();
        return new InboundPage(inbounds.count(search), paging.page(), items.size(), items);
    }

    /** Any form Sinch accepts: E.164, digits with 00, or a national number in the default country; stored with {@code +}. */
    private String phone(String from) {
        if (from == null || from.isBlank()) {
            return null;
        }
        String text = from.strip();
        try {
            return PhoneNumbers.toE164(text, settings.defaultCountry());
        } catch (InvalidPhoneNumberException e) {
            String digits = text.replaceAll("[\\s\\-()]", "").replaceFirst("^(\\+|00)", "");
            if (digits.matches("[1-9][0-9]{1,14}")) {
                return "+" + digits; // possible, not valid: Sinch delivers such senders too
            }
            throw new InvalidInputException("from", "'" + text + "' is not a phone number");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, name + " must be an ISO-8601 time with an offset, e.g. 2026-05-01T09:00:00Z");
        }
    }

    private static Long id(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInputException(name, name + " must be a positive whole number");
    }
}
