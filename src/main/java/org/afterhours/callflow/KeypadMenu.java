package org.afterhours.callflow;

import java.time.Duration;
import java.util.Optional;
import org.afterhours.agi.AgiChannel;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallRecorder;

/**
 * Asks the caller to choose by keypad: the prompt plays (a key interrupts it), then the flow waits a few seconds for
 * a key. A wrong key or silence is answered with a short apology and the question again, a few times; then the
 * menu gives up and the flow decides for the caller. Every key, wrong key and timeout goes into the record.
 */
final class KeypadMenu {
    private final AgiChannel channel;
    private final CallerPrompts prompts;
    private final CallRecorder record;
    private final int tries;
    private final Duration keyTimeout;

    KeypadMenu(AgiChannel channel, CallerPrompts prompts, CallRecorder record, int tries, Duration keyTimeout) {
        this.channel = channel;
        this.prompts = prompts;
        this.record = record;
        this.tries = tries;
        this.keyTimeout = keyTimeout;
    }

    /** @return one of {@code choices}, or empty when the caller made none in all the tries */
    Optional<Character> ask(String menu, String prompt, String choices) {
        return ask(menu, prompt, choices, Optional.empty());
    }

    /**
     * As {@link #ask(String, String, String)}, where the caller may have answered before the question: a key
     * pressed during the greeting by someone who knows the menu counts as the first try.
     */
    Optional<Character> ask(String menu, String prompt, String choices, Optional<Character> pressedEarly) {
        for (int attempt = 1; attempt <= tries; attempt++) {
            Optional<Character> key = attempt == 1 && pressedEarly.isPresent() ? pressedEarly
                    : prompts.play(prompt, AgiChannel.ANY_KEY);
            if (key.isEmpty()) {
                key = channel.waitForDigit(keyTimeout.toMillis());
            }
            if (key.isEmpty()) {
                record.record(CallEventType.KEY_TIMEOUT, "menu", menu, "attempt", Integer.toString(attempt));
                if (attempt < tries) {
                    prompts.play(Prompts.NO_CHOICE);
                }
            } else if (choices.indexOf(key.get()) >= 0) {
                record.record(CallEventType.KEY_PRESSED, "menu", menu, "key", key.get().toString());
                return key;
            } else {
                record.record(CallEventType.INVALID_KEY, "menu", menu, "key", key.get().toString());
                if (attempt < tries) {
                    prompts.play(Prompts.INVALID_CHOICE);
                }
            }
        }
        return Optional.empty();
    }
}
