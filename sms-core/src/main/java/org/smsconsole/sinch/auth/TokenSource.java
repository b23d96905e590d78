package org.smsconsole.sinch.auth;

/** Where the Bearer token comes from: a fixed API token or an OAuth2 token kept fresh. */
public interface TokenSource {
    String token();

    /**
     * Sinch answered 401 saying the token expired: forget it.
     *
     * @return true if a retry with a new token makes sense
     */
    boolean expired(String token);

    static TokenSource fixed(String apiToken) {
        return new TokenSource() {
            @Override
            public String token() {
                return apiToken;
            }

            @Override
            public boolean expired(String token) {
                return false;
            }
        };
    }
}
