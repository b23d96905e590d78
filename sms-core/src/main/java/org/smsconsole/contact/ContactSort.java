package org.smsconsole.contact;

/** The orders a contact list can be shown in; a closed set, so no user text reaches the query. */
public enum ContactSort {
    NAME("c.name"), PHONE("c.phone"), CREATED("c.created_at");

    /** Column in the native search SQL (each has an index ending in id, the tie breaker). */
    final String column;

    ContactSort(String column) {
        this.column = column;
    }
}
