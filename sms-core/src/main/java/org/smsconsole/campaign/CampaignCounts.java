package org.smsconsole.campaign;

import org.smsconsole.message.MessageState;

import java.util.EnumMap;
import java.util.Map;

/** How many of a campaign's messages are in each state. */
public record CampaignCounts(Map<MessageState, Long> byState) {

    public static CampaignCounts of(Map<MessageState, Long> counts) {
        Map<MessageState, Long> all = new EnumMap<>(MessageState.class);
        for (MessageState s : MessageState.values()) {
            all.put(s, counts.getOrDefault(s, 0L));
        }
        return new CampaignCounts(all);
    }

    public long of(MessageState state) {
        return byState.getOrDefault(state, 0L);
    }

    public long total() {
        return byState.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Nothing left for the engine to do: none queued, none being sent. */
    public boolean settled() {
        return of(MessageState.QUEUED) == 0 && of(MessageState.SENDING) == 0;
    }
}
