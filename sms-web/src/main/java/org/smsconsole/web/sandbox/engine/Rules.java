package org.smsconsole.web.sandbox.engine;

import org.smsconsole.sinch.SinchValidationException;

/** Runs sms-core's checks (the client's own rules) and answers their failures as Sinch does. */
final class Rules {
    private Rules() {
    }

    static void check(Runnable rules) {
        try {
            rules.run();
        } catch (SinchValidationException e) {
            String field = e.field();
            // A bad entry of a list (a number, a group id) or a bad encoding is a format error;
            // counts, lengths and ranges are constraint violations.
            boolean format = field.contains("[") || field.equals("udh") || e.getMessage().contains("not Base64");
            throw format ? SandboxException.format(e.getMessage()) : SandboxException.constraint(e.getMessage());
        }
    }
}
