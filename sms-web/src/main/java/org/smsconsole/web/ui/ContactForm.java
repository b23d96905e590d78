package org.smsconsole.web.ui;

import java.io.Serializable;

/** What the contact dialog edits, kept apart from the entity until it is saved. */
public class ContactForm implements Serializable {

    private Long id;
    private String name;
    private String phone;

    ContactForm() {
    }

    ContactForm(Long id, String name, String phone) {
        this.id = id;
        this.name = name;
        this.phone = phone;
    }

    Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }
}
