package org.smsconsole.web.ui;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.smsconsole.user.Role;
import org.smsconsole.user.StaffUser;
import org.smsconsole.user.StaffUsers;
import org.smsconsole.validation.InvalidInputException;

import java.util.List;

/** Staff accounts (ADMIN only, enforced by the /admin/* security constraint). */
@Named
@ViewScoped
public class UsersScreen implements java.io.Serializable {

    @Inject
    transient StaffUsers staffUsers;

    @Inject
    transient SecurityContext securityContext;

    private String resetTarget;
    private String temporary;

    private String username;
    private String displayName;
    private Role role = Role.OPERATOR;
    private String password;
    private transient List<StaffUser> users;

    public List<StaffUser> getUsers() {
        if (users == null) {
            users = staffUsers.all();
        }
        return users;
    }

    public void add() {
        try {
            staffUsers.create(username, displayName, password == null ? null : password.toCharArray(), role, true);
            Messages.info("Added " + username.strip() + "; they choose their own password at the first login.");
            username = null;
            displayName = null;
            password = null;
            users = null;
        } catch (InvalidInputException e) {
            Messages.fieldError("addUserForm", e);
        }
    }

    public void changeRole(StaffUser user, Role newRole) {
        act(() -> staffUsers.assignRole(user.getUsername(), newRole, me()), user.getUsername() + " is now " + newRole);
    }

    public void toggleEnabled(StaffUser user) {
        act(() -> staffUsers.enable(user.getUsername(), !user.isEnabled(), me()),
                user.getUsername() + (user.isEnabled() ? " is disabled" : " is enabled"));
    }

    public void startReset(StaffUser user) {
        resetTarget = user.getUsername();
        temporary = null;
    }

    public void reset() {
        try {
            staffUsers.resetPassword(resetTarget, temporary == null ? null : temporary.toCharArray());
            Messages.info("New one-time password set for " + resetTarget);
        } catch (InvalidInputException e) {
            Messages.fieldError("resetForm", new InvalidInputException("temporary", e.getMessage()));
        } finally {
            temporary = null;
            users = null;
        }
    }

    public String getResetTarget() {
        return resetTarget;
    }

    public String getTemporary() {
        return null;
    }

    public void setTemporary(String temporary) {
        this.temporary = temporary;
    }

    private void act(Runnable action, String done) {
        try {
            action.run();
            Messages.info(done);
        } catch (InvalidInputException e) {
            Messages.error(e.getMessage());
        }
        users = null;
    }

    private String me() {
        return securityContext.getCallerPrincipal().getName();
    }

    public Role[] getRoles() {
        return Role.values();
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
