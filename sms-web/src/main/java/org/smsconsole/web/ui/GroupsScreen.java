package org.smsconsole.web.ui;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.smsconsole.group.GroupView;
import org.smsconsole.group.Groups;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;
import org.smsconsole.validation.NotFoundException;

import java.io.Serializable;
import java.util.List;

/** The groups: list with member counts, create, rename, delete; members are shown on the contacts screen. */
@Named
@ViewScoped
public class GroupsScreen implements Serializable {

    @Inject
    transient Groups groups;

    @Inject
    transient SecurityContext securityContext;

    private Long editingId;
    private String name;
    private List<GroupView> list;

    public List<GroupView> getGroups() {
        if (list == null) {
            list = groups.list();
        }
        return list;
    }

    public boolean isMayEdit() {
        return securityContext.isCallerInRole(Role.OPERATOR.name());
    }

    public void startCreate() {
        editingId = null;
        name = null;
    }

    public void startRename(GroupView group) {
        editingId = group.id();
        name = group.name();
    }

    public boolean isEditing() {
        return editingId != null;
    }

    public void save() {
        requireOperator();
        try {
            GroupView saved = editingId == null ? groups.create(name) : groups.rename(editingId, name);
            Messages.info((editingId == null ? "Created group " : "Renamed to ") + saved.name());
            list = null;
        } catch (InvalidInputException e) {
            Messages.fieldError("groupDialogForm", e);
        } catch (NotFoundException e) {
            Messages.error("That group was deleted meanwhile.");
        }
    }

    public void delete(GroupView group) {
        requireOperator();
        try {
            groups.delete(group.id());
            Messages.info("Deleted group " + group.name());
        } catch (NotFoundException e) {
            Messages.info("That group was already deleted.");
        }
        list = null;
    }

    private void requireOperator() {
        if (!isMayEdit()) {
            throw new SecurityException("Only operators may change groups");
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
