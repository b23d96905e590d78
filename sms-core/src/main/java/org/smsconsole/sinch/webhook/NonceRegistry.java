package org.smsconsole.sinch.webhook;

import java.time.Instant;

/** Remembers callback nonces so that a replayed signed request is refused. */
@FunctionalInterface
public interface NonceRegistry {
    /**
     * @param timestamp the signed timestamp; a nonce need not be kept past timestamp + tolerance
     * @return true the first time this nonce is seen, false on a replay
     */
    boolean firstUse(String nonce, Instant timestamp);

    /** No replay check (e.g. when the handler is idempotent anyway). */
    static NonceRegistry none() {
        return (nonce, timestamp) -> true;
    }
}
