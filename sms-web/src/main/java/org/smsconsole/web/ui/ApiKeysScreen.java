package org.smsconsole.web.ui;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.smsconsole.apikey.ApiKey;
import org.smsconsole.apikey.ApiKeys;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.io.Serializable;
import java.util.List;

/** API keys for machines (ADMIN only): create one (its text shown once), revoke one. */
@Named
@ViewScoped
public class ApiKeysScreen implements Serializable {

    @Inject
    transient ApiKeys apiKeys;

    @Inject
    transient SecurityContext securityContext;

    private String name;
    private Role role = Role.OPERATOR;
    /** The text of the key just created, kept only until the page is left. */
    private String createdKey;
    private transient List<ApiKey> keys;

    public List<ApiKey> getKeys() {
        if (keys == null) {
            keys = apiKeys.all();
        }
        return keys;
    }

    public void create() {
        try {
            createdKey = apiKeys.create(name, role, securityContext.getCallerPrincipal().getName()).key();
            name = null;
            keys = null;
        } catch (InvalidInputException e) {
            Messages.fieldError("createKeyForm", e);
        }
    }

    public void revoke(ApiKey key) {
        try {
            apiKeys.revoke(key.getId());
            Messages.info("Revoked the key " + key.getName());
        } catch (NotFoundException e) {
            Messages.error(e.getMessage());
        }
        keys = null;
    }

    public Role[] getRoles() {
        return Role.values();
    }

    public String getCreatedKey() {
        return createdKey;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }
}
