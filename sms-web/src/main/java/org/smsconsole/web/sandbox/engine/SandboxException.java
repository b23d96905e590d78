package org.smsconsole.web.sandbox.engine;

/** An answer Sinch gives instead of a result: HTTP status plus its {@code {code, text}} body. */
public class SandboxException extends RuntimeException {
    private final int status;
    private final String code;

    public SandboxException(int status, String code, String text) {
        super(text);
        this.status = status;
        this.code = code;
    }

    public static SandboxException notFound(String what, String id) {
        return new SandboxException(404, "not_found", what + " '" + id + "' not found");
    }

    public static SandboxException constraint(String text) {
        return new SandboxException(400, "syntax_constraint_violation", text);
    }

    public static SandboxException format(String text) {
        return new SandboxException(400, "syntax_invalid_parameter_format", text);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String text() {
        return getMessage();
    }
}
