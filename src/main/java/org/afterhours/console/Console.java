package org.afterhours.console;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.afterhours.calllog.CallLogQueries;
import org.afterhours.followup.FollowUps;
import org.afterhours.oncall.ConsolePasswords;
import org.afterhours.oncall.RuleBook;
import org.afterhours.oncall.SetupStore;

/** What the console reads and changes, and its clock: every page is a function of these. */
public record Console(RuleBook ruleBook, CallLogQueries calls, ConsolePasswords passwords, SetupStore setupStore,
        Clock clock, MessageAcknowledgements acknowledgements, Optional<FollowUps> followUps) {
    /** A console whose message notices carry no acknowledge links and that keeps no follow-ups. */
    public Console(RuleBook ruleBook, CallLogQueries calls, ConsolePasswords passwords, SetupStore setupStore,
            Clock clock) {
        this(ruleBook, calls, passwords, setupStore, clock, MessageAcknowledgements.NONE);
    }

    /** A console that keeps no follow-ups: its pages say so. */
    public Console(RuleBook ruleBook, CallLogQueries calls, ConsolePasswords passwords, SetupStore setupStore,
            Clock clock, MessageAcknowledgements acknowledgements) {
        this(ruleBook, calls, passwords, setupStore, clock, acknowledgements, Optional.empty());
    }

    public Console {
        Objects.requireNonNull(acknowledgements, "acknowledgements");
        Objects.requireNonNull(followUps, "followUps");
        Objects.requireNonNull(ruleBook, "ruleBook");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(passwords, "passwords");
        Objects.requireNonNull(setupStore, "setupStore");
        Objects.requireNonNull(clock, "clock");
    }
}
