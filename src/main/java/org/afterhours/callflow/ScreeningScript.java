package org.afterhours.callflow;

import java.time.Duration;
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

    public ScreeningScript(EmergencyDesk desk, Duration screeningTimeout) {
        this.desk = desk;
        this.screeningTimeout = screeningTimeout;
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

    private void screenTechnician(EmergencyDesk.Leg leg, AgiChannel channel) {
        CallerPrompts prompts = new CallerPrompts(channel, leg.record());
        // The escalation moves on after the screening time; a second try only fits while time remains.
        long deadline = System.nanoTime() + screeningTimeout.toNanos();
        try {
            for (int attempt = 1; attempt <= TRIES && System.nanoTime() < deadline; attempt++) {
                Optional<Character> key = firstKey(
                        () -> prompts.play(Prompts.SCREEN_EMERGENCY, KEYS),
                        () -> prompts.playIfPresent(Prompts.forLine(leg.lineId(), "name"), KEYS)
                                .flatMap(pressed -> pressed),
                        () -> prompts.play(Prompts.SCREEN_REFERENCE, KEYS),
                        () -> channel.sayDigits(leg.reference(), KEYS).key(),
                        () -> prompts.play(Prompts.SCREEN_OPTIONS, KEYS),
                        () -> channel.waitForDigit(Math.max(1000, Math.min(screeningTimeout.toMillis() / TRIES,
                                (deadline - System.nanoTime()) / 1_000_000))));
                if (key.isPresent() && key.get() == ACCEPT) {
                    accept(leg, channel, prompts);
                    return;
                }
                if (key.isPresent() && key.get() == DECLINE) {
                    desk.complete(leg.legId(), ScreeningVerdict.DECLINED);
                    prompts.play(Prompts.SCREEN_DECLINED);
                    return;
                }
            }
            desk.complete(leg.legId(), ScreeningVerdict.NO_KEY);
        } catch (AgiHangupException gone) {
            desk.complete(leg.legId(), ScreeningVerdict.HUNG_UP);
            throw gone;
        }
    }

    /** Plays the parts in order until the listener presses a key; the key, if any. */
    @SafeVarargs
    private static Optional<Character> firstKey(Supplier<Optional<Character>>... parts) {
        for (Supplier<Optional<Character>> part : parts) {
            Optional<Character> key = part.get();
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    private void accept(EmergencyDesk.Leg leg, AgiChannel channel, CallerPrompts prompts) {
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
        CallerPrompts prompts = new CallerPrompts(channel, leg.record());
        if (leg.acceptedBy() == null) {
            prompts.play(Prompts.ALERT_EMERGENCY_REFERENCE);
            channel.sayDigits(leg.reference(), "");
            prompts.play(Prompts.ALERT_NOBODY);
            return;
        }
        String join = String.valueOf(ACCEPT);
        // A manager who knows what the call is about may press 1 at any point of it.
        Optional<Character> key = firstKey(
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
