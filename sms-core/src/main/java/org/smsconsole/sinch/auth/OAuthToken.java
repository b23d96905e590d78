package org.smsconsole.sinch.auth;

import jakarta.json.bind.annotation.JsonbProperty;

/** Answer of {@code POST https://auth.sinch.com/oauth2/token}. {@code expires_in} is in seconds. */
public record OAuthToken(
        @JsonbProperty("access_token") String accessToken,
        @JsonbProperty("expires_in") Long expiresIn,
        String scope,
        @JsonbProperty("token_type") String tokenType) {

    @Override
    public String toString() {
        return "OAuthToken[accessToken=****, expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
