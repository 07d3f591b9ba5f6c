package org.afterhours.callflow;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of the prompts an administrator may render for one line or one person (its name, help desk email and
 * portal: {@link Prompts#forLine}, {@link Prompts#personName}) exist on Asterisk. The server asks Asterisk to play
 * only those: asking for a missing one costs nothing audible but writes "File ... does not exist in any format" to
 * Asterisk's log on every call. Known once at start (the sounds folder listed, when it is on this host, and the
 * prompts the configuration declares); the prompts the product ships are always there and are not listed here.
 */
public final class OptionalPrompts {
    /** No line or person has a prompt of its own: addresses are spelled, names left out. */
    public static final OptionalPrompts NONE = new OptionalPrompts(Set.of());

    /** Where prompts rendered for one line or one person live, below Asterisk's sounds folder. */
    public static final String LINES_FOLDER = "afterhours/lines/";
    public static final String PEOPLE_FOLDER = "afterhours/people/";

    private final Set<String> present;

    private OptionalPrompts(Set<String> present) {
        this.present = Set.copyOf(present);
    }

    /** @param present prompt names as Asterisk plays them, e.g. {@code afterhours/lines/main/email} */
    public static OptionalPrompts of(Collection<String> present) {
        return new OptionalPrompts(new TreeSet<>(present));
    }

    /** Whether {@code prompt} is one that may be rendered for a line or a person, and it is not there. */
    boolean knownAbsent(String prompt) {
        return isOptional(prompt) && !present.contains(prompt);
    }

    /** The folders below the sounds folder where per-line and per-person prompts live. */
    public static boolean isOptional(String prompt) {
        return prompt.startsWith(LINES_FOLDER) || prompt.startsWith(PEOPLE_FOLDER);
    }

    public int size() {
        return present.size();
    }

    @Override
    public String toString() {
        return String.join(", ", new TreeSet<>(present));
    }
}
