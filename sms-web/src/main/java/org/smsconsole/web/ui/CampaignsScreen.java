package org.smsconsole.web.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.primefaces.model.LazyDataModel;
import org.smsconsole.campaign.Campaign;
import org.smsconsole.campaign.CampaignCounts;
import org.smsconsole.campaign.Campaigns;
import org.smsconsole.message.MessageState;
import org.smsconsole.user.Role;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/** The campaign list, newest first, paged lazily; each row's counts are read for the rows shown only. */
@Named
@ViewScoped
public class CampaignsScreen implements Serializable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    transient Campaigns campaigns;

    @Inject
    transient SecurityContext securityContext;

    private LazyDataModel<Campaign> list;

    @PostConstruct
    void init() {
        Campaigns service = campaigns;
        list = new PagedTable<>(() -> service.count(null), (first, size) -> service.page(null, first, size), c -> String.valueOf(c.getId()));
    }

    public boolean isMayCreate() {
        return securityContext.isCallerInRole(Role.OPERATOR.name());
    }

    public LazyDataModel<Campaign> getList() {
        return list;
    }

    /** The campaign's counts, read once per request and row (the request's attributes hold them). */
    @SuppressWarnings("unchecked")
    public CampaignCounts counts(Campaign c) {
        Map<Long, CampaignCounts> read = (Map<Long, CampaignCounts>) FacesContext.getCurrentInstance().getAttributes()
                .computeIfAbsent(CampaignsScreen.class.getName(), k -> new HashMap<Long, CampaignCounts>());
        return read.computeIfAbsent(c.getId(), id -> campaigns.counts(id));
    }

    /** Messages that have left the queue (handed to Sinch or settled otherwise) out of all, in percent. */
    public int progress(Campaign c) {
        return CampaignScreen.percent(counts(c));
    }

    public long released(Campaign c) {
        return CampaignScreen.released(counts(c));
    }

    public long count(Campaign c, String state) {
        return counts(c).of(MessageState.valueOf(state));
    }

    public String when(Instant at) {
        return at == null ? "at once" : WHEN.format(at);
    }
}
