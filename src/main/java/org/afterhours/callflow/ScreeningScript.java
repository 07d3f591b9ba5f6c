package org.afterhours.callflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.afterhours.agi.AgiChannel;
import org.afterhours.agi.AgiHangupException;
import org.afterhours.agi.AgiRequest;
import org.afterhours.agi.AgiScript;
import org.afterhours.calllog.CallEventType;
import org.afterhours.escalation.EmergencyDesk;
import org.afterhours.escalation.ScreeningVerdict;

/**
 * {@code AGI(agi://host:4573/screen?attempt=<leg>)}, run on the answered phone of a technician or a manager
 * ([afterhours-screen] in extensions.conf). A technician hears "emergency after-hours call, reference ..., press 1
 * to accept, 2 to decline": only a 1 connects them, so a mobile's voicemail greeting that "answers" never takes the
 * call. A manager hears who accepted and may press 1 to join. Joining is done by the dialplan after this session,
 * which leaves AFTERHOURS_SCREEN=ACCEPTED and AFTERHOURS_ROOM=<reference>.
 */
public final class ScreeningScript implements AgiScript {
    public static final String PATH = "screen";
    private static final char ACCEPT = '1';
    private static final char DECLINE = '2';
    private static final int TRIES = 2;
    private static final String KEYS = "12";

    private final EmergencyDesk desk;
    private final Duration screeningTimeout;
    private final Clock clock;
    private final OptionalPrompts optionalPrompts;

    /**
     * @param screeningTimeout how long an answered technician has, from answer to key, prompts included
     * @param clock            the time the screening is measured in (tests move it as their fake Asterisk plays)
     * @param optionalPrompts  the prompts rendered for lines (their names) and people that Asterisk has
     */
    public ScreeningScript(EmergencyDesk desk, Duration screeningTimeout, Clock clock,
                           OptionalPrompts optionalPrompts) {
        this.desk = desk;
        this.screeningTimeout = screeningTimeout;
        this.clock = clock;
        this.optionalPrompts = optionalPrompts;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        Optional<EmergencyDesk.Leg> leg = request.parameter("attempt").flatMap(desk::leg);
        channel.answer();
        if (leg.isEmpty()) {
            channel.streamFile(Prompts.SCREEN_TAKEN, "");
            return; // a leg from before a restart, or a stray call: it is not waited for
        }
        if (leg.get().role() == EmergencyDesk.LegRole.TECHNICIAN) {
            screenTechnician(leg.get(), channel);
        } else {
            alertManager(leg.get(), channel);
        }
    }

    /**
     * The screening time bounds the whole screening, prompts included: no part starts after it, and Asterisk itself
     * hangs the leg up at that moment (SET AUTOHANGUP), even in the middle of a prompt, so a voicemail greeting that
     * listens never holds the search up longer than configured. Pressing 1 cancels that hang-up before the call is
     * taken, so an accepted technician is never cut off.
     */
    private void screenTechnician(EmergencyDesk.Leg leg, AgiChannel channel) {
        CallerPrompts prompts = CallerPrompts.onLeg(channel, leg.record(), optionalPrompts, leg.legId());
        Instant deadline = clock.instant().plus(screeningTimeout);
        try {
            channel.setAutoHangup(screeningTimeout);
            for (int attempt = 1; attempt <= TRIES && timeLeft(deadline) > 0; attempt++) {
                Optional<Character> key = firstKeyBefore(deadline,
                        () -> prompts.play(Prompts.SCREEN_EMERGENCY, KEYS),
                        () -> prompts.playIfPresent(Prompts.forLine(leg.lineId(), "name"), KEYS)
                                .flatMap(pressed -> pressed),
                        () -> prompts.play(Prompts.SCREEN_REFERENCE, KEYS),
                        () -> channel.sayDigits(leg.reference(), KEYS).key(),
                        () -> prompts.play(Prompts.SCREEN_OPTIONS, KEYS),
                        () -> channel.waitForDigit(Math.min(screeningTimeout.toMillis() / TRIES, timeLeft(deadline))));
                if (key.isPresent() && key.get() == ACCEPT) {
                    accept(leg, channel, prompts);
                    return;
                }
                if (key.isPresent() && key.get() == DECLINE) {
                    channel.setAutoHangup(Duration.ZERO);
                    desk.complete(leg.legId(), ScreeningVerdict.DECLINED);
                    prompts.play(Prompts.SCREEN_DECLINED);
                    return;
                }
            }
            desk.complete(leg.legId(), ScreeningVerdict.NO_KEY);
        } catch (AgiHangupException gone) {
            // Hung up by Asterisk at the deadline: the time ran out with no key, as with a listening voicemail.
            desk.complete(leg.legId(), timeLeft(deadline) > 0 ? ScreeningVerdict.HUNG_UP : ScreeningVerdict.NO_KEY);
            throw gone;
        }
    }

    private long timeLeft(Instant deadline) {
        return Duration.between(clock.instant(), deadline).toMillis();
    }

    /**
     * Plays the parts in order until the listener presses a key, none after {@code deadline} (null: no deadline);
     * the key, if any.
     */
    @SafeVarargs
    private Optional<Character> firstKeyBefore(Instant deadline, Supplier<Optional<Character>>... parts) {
        for (Supplier<Optional<Character>> part : parts) {
            if (deadline != null && timeLeft(deadline) <= 0) {
                return Optional.empty();
            }
            Optional<Character> key = part.get();
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    private void accept(EmergencyDesk.Leg leg, AgiChannel channel, CallerPrompts prompts) {
        channel.setAutoHangup(Duration.ZERO); // first: a technician who has the call must not be cut off
        if (!desk.accept(leg.legId())) {
            desk.complete(leg.legId(), ScreeningVerdict.DECLINED);
            prompts.play(Prompts.SCREEN_TAKEN);
            return;
        }
        channel.setVariable("AFTERHOURS_ROOM", leg.reference());
        channel.setVariable("AFTERHOURS_SCREEN", "ACCEPTED");
        prompts.play(Prompts.SCREEN_CONNECTING);
    }

    private void alertManager(EmergencyDesk.Leg leg, AgiChannel channel) {
        CallerPrompts prompts = CallerPrompts.onLeg(channel, leg.record(), optionalPrompts, leg.legId());
        if (leg.acceptedBy() == null) {
            prompts.play(Prompts.ALERT_EMERGENCY_REFERENCE);
            channel.sayDigits(leg.reference(), "");
            prompts.play(Prompts.ALERT_NOBODY);
            return;
        }
        String join = String.valueOf(ACCEPT);
        // A manager who knows what the call is about may press 1 at any point of it.
        Optional<Character> key = firstKeyBefore(null,
                () -> prompts.play(Prompts.ALERT_EMERGENCY_REFERENCE, join),
                () -> channel.sayDigits(leg.reference(), join).key(),
                () -> prompts.play(Prompts.ALERT_ACCEPTED_BY, join),
                () -> prompts.playIfPresent(Prompts.personName(leg.acceptedBy().id()), join)
                        .orElseGet(() -> prompts.play(Prompts.ALERT_A_TECHNICIAN, join)),
                () -> prompts.play(Prompts.ALERT_JOIN, join),
                () -> channel.waitForDigit(screeningTimeout.toMillis() / TRIES));
        if (key.isEmpty() || key.get() != ACCEPT) {
            return;
        }
        if (!desk.callLive(leg.reference())) {
            prompts.play(Prompts.ALERT_CALL_OVER);
            return;
        }
        leg.record().record(CallEventType.MANAGER_JOINED, "leg", leg.legId(), "person", leg.personId(),
                "personName", leg.personName());
        channel.setVariable("AFTERHOURS_ROOM", leg.reference());
        channel.setVariable("AFTERHOURS_SCREEN", "ACCEPTED");
    }
}
