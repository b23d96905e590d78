package org.smsconsole.contact;

/** The orders a contact list can be shown in; a closed set, so no user text reaches the query. */
public enum ContactSort {
    NAME("c.name"), PHONE("c.phone"), CREATED("c.createdAt");

    final String path;

    ContactSort(String path) {
        this.path = path;
    }
}
