package org.smsconsole.template;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.smsconsole.audit.AuditLog;
import org.smsconsole.contact.ContactView;
import org.smsconsole.text.GsmCharset;
import org.smsconsole.text.PlaceholderRenderer;
import org.smsconsole.text.SegmentCounter;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The use cases of message templates: keep them, and show what a body becomes and costs. */
@ApplicationScoped
@Transactional
public class Templates {

    public static final int MAX_NAME = 100;
    /** Sinch's limit for one text message body. */
    public static final int MAX_BODY = 2000;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    public TemplateView create(String name, String body) {
        String cleanName = cleanName(name);
        requireBody(body);
        requireUnusedName(cleanName, null);
        MessageTemplate template = new MessageTemplate(cleanName, body, clock.instant());
        em.persist(template);
        em.flush();
        audit.record("TEMPLATE_CREATED", subject(template), null);
        return TemplateView.of(template);
    }

    public TemplateView change(long id, String name, String body) {
        MessageTemplate template = find(id);
        String cleanName = cleanName(name);
        requireBody(body);
        requireUnusedName(cleanName, id);
        template.change(cleanName, body, clock.instant());
        em.flush();
        audit.record("TEMPLATE_CHANGED", subject(template), null);
        return TemplateView.of(template);
    }

    public void remove(long id) {
        MessageTemplate template = find(id);
        em.remove(template);
        audit.record("TEMPLATE_DELETED", subject(template), null);
    }

    public TemplateView get(long id) {
        return TemplateView.of(find(id));
    }

    public List<TemplateView> page(int first, int size) {
        return em.createQuery("select t from MessageTemplate t order by lower(t.name), t.id", MessageTemplate.class)
                .setFirstResult(first).setMaxResults(size).getResultList().stream().map(TemplateView::of).toList();
    }

    public long count() {
        return em.createQuery("select count(t) from MessageTemplate t", Long.class).getSingleResult();
    }

    /**
     * Renders {@code body} for {@code contact} (or with the placeholders left visible when there is
     * none) and counts what it costs. Pure: nothing is stored.
     */
    public TemplatePreview preview(String body, ContactView contact) {
        String text = body == null ? "" : body;
        List<String> unknown = PlaceholderRenderer.placeholders(text).stream().filter(p -> !isKnownPlaceholder(p)).toList();
        if (contact != null) {
            Map<String, Map<String, String>> parameters = new java.util.HashMap<>();
            Placeholders.valuesOf(contact).forEach((key, value) -> parameters.put(key, Map.of(PlaceholderRenderer.DEFAULT, value)));
            text = PlaceholderRenderer.render(text, parameters, contact.phone());
        }
        return new TemplatePreview(text, text.length(), SegmentCounter.count(text), GsmCharset.suggestions(text), unknown);
    }

    /** Whether some contact can fill {@code name}: a built-in, or an attribute some contact has (one index probe). */
    boolean isKnownPlaceholder(String name) {
        return Placeholders.BUILT_IN.contains(name)
                || !em.createNativeQuery("select 1 from contact_attribute where name = ?1", Integer.class)
                .setParameter(1, name).setMaxResults(1).getResultList().isEmpty();
    }

    private MessageTemplate find(long id) {
        MessageTemplate template = em.find(MessageTemplate.class, id);
        if (template == null) {
            throw new NotFoundException("Template", id);
        }
        return template;
    }

    private static String cleanName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "A template needs a name");
        }
        String clean = name.strip();
        if (clean.length() > MAX_NAME) {
            throw new InvalidInputException("name", "A template name has at most " + MAX_NAME + " characters");
        }
        return clean;
    }

    private static void requireBody(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", "A template needs a text");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidInputException("body", "A message has at most " + MAX_BODY + " characters (" + body.length() + " given)");
        }
    }

    private void requireUnusedName(String name, Long exceptId) {
        List<Long> owners = em.createQuery("select t.id from MessageTemplate t where lower(t.name) = lower(:name)", Long.class)
                .setParameter("name", name).getResultList();
        if (owners.stream().anyMatch(owner -> !owner.equals(exceptId))) {
            throw new InvalidInputException("name", "Another template is called " + name);
        }
    }

    private static String subject(MessageTemplate t) {
        return "template " + t.getId() + " " + t.getName();
    }
}
