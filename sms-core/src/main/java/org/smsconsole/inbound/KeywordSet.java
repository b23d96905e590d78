package org.smsconsole.inbound;

import org.smsconsole.text.PlaceholderRenderer;
import org.smsconsole.template.Placeholders;
import org.smsconsole.validation.InvalidInputException;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The keywords of one language and the replies they get. Words are matched against the whole trimmed
 * message regardless of case: "stop" and " Stop " opt out, "please stop" does not.
 *
 * @param language a BCP 47 tag ({@code en}, {@code pt-BR}); {@code en} is the default set
 */
public record KeywordSet(String language, List<String> optOutWords, List<String> optInWords, List<String> helpWords,
                         String optOutReply, String optInReply, String helpReply) implements java.io.Serializable {

    public static final String DEFAULT_LANGUAGE = "en";
    static final int MAX_WORDS = 1000;
    static final int MAX_REPLY = 1000;

    /** The action the whole message names, if it is one of this set's words. */
    public Optional<KeywordAction> match(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String word = normal(message);
        if (optOutWords.contains(word)) {
            return Optional.of(KeywordAction.OPT_OUT);
        }
        if (optInWords.contains(word)) {
            return Optional.of(KeywordAction.OPT_IN);
        }
        return helpWords.contains(word) ? Optional.of(KeywordAction.HELP) : Optional.empty();
    }

    public String reply(KeywordAction action) {
        return switch (action) {
            case OPT_OUT -> optOutReply;
            case OPT_IN -> optInReply;
            case HELP -> helpReply;
        };
    }

    /** Words as a person types them in the settings form: comma- or line-separated. */
    public static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> words = new LinkedHashSet<>();
        Arrays.stream(text.split("[,\\n]")).map(KeywordSet::normal).filter(w -> !w.isEmpty()).forEach(words::add);
        return List.copyOf(words);
    }

    public String optOutText() {
        return String.join(", ", optOutWords);
    }

    public String optInText() {
        return String.join(", ", optInWords);
    }

    public String helpText() {
        return String.join(", ", helpWords);
    }

    /**
     * Checks what staff typed (fields named as the API and form name them) and answers it normalised. A reply may use
     * only {@code ${name}} and {@code ${phone}}: every contact can fill those, so a reply can never fail to render
     * while an MO is being stored.
     */
    public KeywordSet clean() {
        String tag = language == null ? "" : language.strip().replace('_', '-');
        Locale locale = Locale.forLanguageTag(tag);
        if (tag.isEmpty() || tag.length() > 35 || locale.getLanguage().isEmpty()) {
            throw new InvalidInputException("language", "A language tag such as en or pt-BR");
        }
        List<String> out = checkWords("opt_out_words", optOutWords);
        List<String> in = checkWords("opt_in_words", optInWords);
        List<String> help = checkWords("help_words", helpWords);
        for (String w : out) {
            if (in.contains(w) || help.contains(w)) {
                throw new InvalidInputException("opt_out_words", "'" + w + "' is in more than one list");
            }
        }
        for (String w : in) {
            if (help.contains(w)) {
                throw new InvalidInputException("opt_in_words", "'" + w + "' is in more than one list");
            }
        }
        return new KeywordSet(locale.toLanguageTag(), out, in, help, checkReply("opt_out_reply", optOutReply),
                checkReply("opt_in_reply", optInReply), checkReply("help_reply", helpReply));
    }

    private static List<String> checkWords(String field, List<String> words) {
        List<String> clean = words == null ? List.of() : words.stream().map(KeywordSet::normal).filter(w -> !w.isEmpty()).distinct().toList();
        if (clean.isEmpty()) {
            throw new InvalidInputException(field, "At least one word");
        }
        if (String.join(", ", clean).length() > MAX_WORDS) {
            throw new InvalidInputException(field, "At most " + MAX_WORDS + " characters in all");
        }
        return clean;
    }

    private static String checkReply(String field, String reply) {
        String text = reply == null ? "" : reply.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException(field, "A reply is required");
        }
        if (text.length() > MAX_REPLY) {
            throw new InvalidInputException(field, "At most " + MAX_REPLY + " characters");
        }
        for (String p : PlaceholderRenderer.placeholders(text)) {
            if (!Placeholders.BUILT_IN.contains(p)) {
                throw new InvalidInputException(field, "Only ${name} and ${phone} can be used in a reply, not ${" + p + "}");
            }
        }
        return text;
    }

    /** Upper case, inner spaces collapsed: "  stop " and "STOP" are one word. */
    static String normal(String word) {
        return word.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }
}
