package org.afterhours.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rule book a call asks: which line was dialled, is its helpdesk open, who is on call. Answers come from
 * an in-memory snapshot of one {@link OnCallSetup}: pure, thread-safe and fast (no I/O, no locks), and a
 * function of the instant passed in, never of the clock.
 *
 * <p>A line id the book does not know (a refresh removed it in the middle of a call) is answered the safe
 * way: closed, nobody on call. A call that wants one consistent view asks once for {@link #snapshot()}.
 */
public interface RuleBook {

    /** A book over a setup that {@link SetupValidator} accepts; throws {@link SetupException} otherwise. */
    static RuleBook of(OnCallSetup setup) {
        SetupValidator.requireValid(setup);
        return new SnapshotRuleBook(setup);
    }

    /** No lines, nobody: what a server has before its first successful load. */
    static RuleBook empty() {
        return new SnapshotRuleBook(OnCallSetup.empty());
    }

    /** An immutable book that will not change under the caller (itself, when it is one). */
    RuleBook snapshot();

    /** The setup this book answers from (for export and reports). */
    OnCallSetup setup();

    List<Line> lines();

    Optional<Line> lineById(String id);

    /**
     * The line called on {@code dialled}, comparing digits only ("+1 (913) 201-6503" is 19132016503). When no
     * line has exactly those digits, the last ten digits decide if exactly one line matches them: Asterisk
     * may deliver a North American number with or without its country code.
     */
    Optional<Line> lineForDialledNumber(String dialled);

    /** Whether the line's helpdesk is open at {@code at}; "after hours" means not open. */
    boolean isOpen(String lineId, Instant at);

    /** {@link #isOpen} with the reason, for people: {@code closed: holiday Thanksgiving (observed)}. */
    OpenStatus openStatus(String lineId, Instant at);

    /** Who holds {@code position} of the line's rotation at {@code at}; empty when nobody does. */
    Optional<Person> onCall(String lineId, Position position, Instant at);

    /** Who holds {@code position} of a rotation at {@code at}; empty when nobody does. */
    Optional<Person> onCallInRotation(String rotationId, Position position, Instant at);

    /**
     * The rotation's active members in turn order, starting with the one the rotation itself (before overrides and
     * temporary schedules) makes primary at {@code at}: whom to ring next when an override leaves a position held
     * by someone already rung.
     */
    List<Person> rotationOrder(String rotationId, Instant at);

    /**
     * Who held {@code position} of a rotation over {@code [from, until)}, as consecutive periods (a new
     * period whenever the holder changes: hand-offs, overrides, temporary schedules).
     */
    List<OnCallPeriod> timeline(String rotationId, Position position, Instant from, Instant until);

    Optional<Person> person(String id);

    /** Active people with {@code role}, in the order people are listed. */
    List<Person> activeWithRole(String role);

    Optional<Rotation> rotation(String id);

    Optional<EscalationPolicy> escalationPolicy(String id);
}
