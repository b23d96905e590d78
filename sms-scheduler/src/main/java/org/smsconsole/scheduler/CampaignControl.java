package org.smsconsole.scheduler;

import org.smsconsole.log.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.smsconsole.campaign.Campaigns;
import org.smsconsole.sinch.SinchClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stopping a campaign everywhere: its queued rows here, then the batches Sinch still holds for it.
 * Not transactional: {@link Campaigns#cancel} commits on its own before Sinch is called, so a slow or
 * failing Sinch never holds a transaction open nor undoes the cancel.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class CampaignControl {

    private static final Logger LOG = Logger.getLogger(CampaignControl.class.getName());

    @Inject
    Campaigns campaigns;

    @Inject
    SinchConnection sinch;

    /**
     * Cancels the campaign (409 when it has finished already) and answers the Sinch batches that
     * accepted the cancel. Sinch errors are logged, never thrown: the campaign is cancelled here whatever
     * Sinch says, and what Sinch already dispatched cannot be called back anyway.
     */
    public List<String> cancel(long campaignId) {
        List<String> batches = campaigns.cancel(campaignId);
        List<String> cancelled = new ArrayList<>();
        if (batches.isEmpty()) {
            return cancelled;
        }
        Optional<SinchClient> client;
        try {
            client = sinch.client();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Campaign " + campaignId + " cancelled; its Sinch batches " + batches
                    + " could not be cancelled: the Sinch settings are incomplete", e);
            return cancelled;
        }
        if (client.isEmpty()) {
            LOG.warning(() -> "Campaign " + campaignId + " cancelled; Sinch is not reachable yet, its batches " + batches
                    + " were not cancelled there");
            return cancelled;
        }
        for (String batchId : batches) {
            try {
                client.get().batches().cancel(batchId);
                cancelled.add(batchId);
            } catch (RuntimeException e) {
                // Expected when the batch has left Sinch entirely (all its messages dispatched) or is
                // unknown there: nothing is left to stop, so the error is logged and ignored.
                LOG.log(Level.INFO, "Campaign " + campaignId + ": Sinch did not cancel batch " + LogText.of(batchId) + ": " + LogText.of(e.getMessage()));
            }
        }
        LOG.info(() -> "Campaign " + campaignId + " cancelled; Sinch batches cancelled: " + cancelled + " of " + batches);
        return cancelled;
    }
}
