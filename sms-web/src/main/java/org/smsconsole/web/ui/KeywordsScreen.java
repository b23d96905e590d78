package org.smsconsole.web.ui;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import org.smsconsole.inbound.KeywordSet;
import org.smsconsole.inbound.Keywords;
import org.smsconsole.user.Role;
import org.smsconsole.validation.InvalidInputException;

import java.io.Serializable;
import java.util.List;

/** Admin › Keywords: the STOP/START/HELP words of each language and the replies they get. */
@Named
@ViewScoped
public class KeywordsScreen implements Serializable {

    @Inject
    transient Keywords keywords;

    @Inject
    transient SecurityContext securityContext;

    private String language = KeywordSet.DEFAULT_LANGUAGE;
    private String optOutWords;
    private String optInWords;
    private String helpWords;
    private String optOutReply;
    private String optInReply;
    private String helpReply;

    public List<KeywordSet> getSets() {
        return keywords.all();
    }

    /** The form starts with the default set, the one most often changed. */
    @jakarta.annotation.PostConstruct
    void init() {
        keywords.all().stream().findFirst().ifPresent(this::edit);
    }

    public void save() {
        requireAdmin();
        try {
            KeywordSet saved = keywords.save(new KeywordSet(language, KeywordSet.words(optOutWords), KeywordSet.words(optInWords),
                    KeywordSet.words(helpWords), optOutReply, optInReply, helpReply));
            edit(saved);
            Messages.info("Keywords for " + saved.language() + " saved");
        } catch (InvalidInputException e) {
            Messages.fieldError("keywordForm", e);
        }
    }

    /** Puts a set into the form to change it. */
    public void edit(KeywordSet set) {
        language = set.language();
        optOutWords = set.optOutText();
        optInWords = set.optInText();
        helpWords = set.helpText();
        optOutReply = set.optOutReply();
        optInReply = set.optInReply();
        helpReply = set.helpReply();
    }

    public void remove(KeywordSet set) {
        requireAdmin();
        try {
            keywords.remove(set.language());
            Messages.info("Keywords for " + set.language() + " removed; its contacts use the default (en) ones");
        } catch (InvalidInputException e) {
            Messages.info(e.getMessage());
        }
    }

    public boolean isDefault(KeywordSet set) {
        return KeywordSet.DEFAULT_LANGUAGE.equals(set.language());
    }

    private void requireAdmin() {
        if (!securityContext.isCallerInRole(Role.ADMIN.name())) {
            throw new SecurityException("Only admins may change keywords");
        }
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getOptOutWords() {
        return optOutWords;
    }

    public void setOptOutWords(String optOutWords) {
        this.optOutWords = optOutWords;
    }

    public String getOptInWords() {
        return optInWords;
    }

    public void setOptInWords(String optInWords) {
        this.optInWords = optInWords;
    }

    public String getHelpWords() {
        return helpWords;
    }

    public void setHelpWords(String helpWords) {
        this.helpWords = helpWords;
    }

    public String getOptOutReply() {
        return optOutReply;
    }

    public void setOptOutReply(String optOutReply) {
        this.optOutReply = optOutReply;
    }

    public String getOptInReply() {
        return optInReply;
    }

    public void setOptInReply(String optInReply) {
        this.optInReply = optInReply;
    }

    public String getHelpReply() {
        return helpReply;
    }

    public void setHelpReply(String helpReply) {
        this.helpReply = helpReply;
    }
}
