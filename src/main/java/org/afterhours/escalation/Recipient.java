package org.afterhours.escalation;

import java.util.Objects;
import org.afterhours.oncall.Person;

/**
 * Someone a notice goes to: a person of the rule book, or an address of its own (the help desk's mailbox, whose
 * ticketing system opens the trouble ticket).
 *
 * @param id    the person's id, or the address itself
 * @param email empty when the person has none
 * @param dial  the person's first contact point's dial string, empty when none (phone notices)
 */
public record Recipient(String id, String name, String email, String dial) {
    public Recipient {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        email = email == null ? "" : email.strip();
        dial = dial == null ? "" : dial;
    }

    public static Recipient of(Person person) {
        return new Recipient(person.id(), person.name(), person.email(),
                person.contactPoints().isEmpty() ? "" : person.contactPoints().get(0).dialString());
    }

    public static Recipient address(String email) {
        return new Recipient(email, email, email, "");
    }

    public boolean hasEmail() {
        return !email.isEmpty();
    }
}
