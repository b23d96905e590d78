package org.smsconsole.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The service plan id and API token the built-in Sinch sandbox accepts, and sandbox mode sends with:
 * {@code SMS_SANDBOX_SERVICE_PLAN_ID} / {@code SMS_SANDBOX_API_TOKEN} when set (tests, and a sandbox run alone
 * for a client that must know them), otherwise random per installation ({@link InstallationSecrets}). Never a
 * published default: whoever holds the token can read every batch the sandbox holds, with its text and numbers.
 */
@ApplicationScoped
public class SandboxCredentials {

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_SERVICE_PLAN_ID")
    Optional<String> servicePlanId;

    @Inject
    @ConfigProperty(name = "SMS_SANDBOX_API_TOKEN")
    Optional<String> apiToken;

    @Inject
    InstallationSecrets generated;

    public String servicePlanId() {
        return servicePlanId.filter(s -> !s.isBlank()).orElseGet(() -> generated.get(InstallationSecrets.SANDBOX_SERVICE_PLAN_ID, 32));
    }

    public String apiToken() {
        return apiToken.filter(s -> !s.isBlank()).orElseGet(() -> generated.get(InstallationSecrets.SANDBOX_API_TOKEN, 40));
    }
}
