package org.smsconsole.message;

/**
 * Why a message exists. COMPLIANCE messages (the STOP confirmation, the HELP answer) are the
 * replies the law requires: exempt from the consent check, sent once per event.
 */
public enum MessageKind {
    CAMPAIGN, DIRECT, COMPLIANCE
}
