package org.afterhours.callflow;

import java.util.Optional;
import org.afterhours.agi.AgiChannel;
import org.afterhours.agi.Playback;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallRecorder;

/**
 * Plays prompts to one caller and writes each to the call's record. A prompt Asterisk cannot play (the file is
 * missing: {@code result=-1} on a live channel) is recorded as such and the call goes on: the caller hears the next
 * prompt instead of being dropped.
 */
final class CallerPrompts {
    private final AgiChannel channel;
    private final CallRecorder record;
    private final OptionalPrompts optional;

    /** Plays only the prompts the product ships (a line's or a person's own prompts are taken as absent). */
    CallerPrompts(AgiChannel channel, CallRecorder record) {
        this(channel, record, OptionalPrompts.NONE);
    }

    CallerPrompts(AgiChannel channel, CallRecorder record, OptionalPrompts optional) {
        this.channel = channel;
        this.record = record;
        this.optional = optional;
    }

    /** Plays {@code prompt}; a key in {@code interruptKeys} stops it and is returned. */
    Optional<Character> play(String prompt, String interruptKeys) {
        Playback playback = channel.streamFile(prompt, interruptKeys);
        return recorded(prompt, playback);
    }

    void play(String prompt) {
        play(prompt, "");
    }

    /**
     * Plays {@code prompt} and reports whether Asterisk had it (a line's own prompts are optional). One known to be
     * absent is not asked for.
     */
    boolean playIfPresent(String prompt) {
        return playIfPresent(prompt, "").isPresent();
    }

    /**
     * As {@link #playIfPresent(String)}, interruptible.
     *
     * @return empty when Asterisk had no such file, else the key that interrupted it, if any
     */
    Optional<Optional<Character>> playIfPresent(String prompt, String interruptKeys) {
        if (optional.knownAbsent(prompt)) {
            return Optional.empty(); // not asked for: Asterisk would only log that it has no such file
        }
        Playback playback = channel.streamFile(prompt, interruptKeys);
        if (playback.failed()) {
            return Optional.empty();
        }
        return Optional.of(recorded(prompt, playback));
    }

    void sayDigits(String what, String digits) {
        sayDigits(what, digits, "");
    }

    /** Says digits one by one; a key in {@code interruptKeys} stops it and is returned. */
    Optional<Character> sayDigits(String what, String digits, String interruptKeys) {
        return recorded("digits:" + what, channel.sayDigits(digits, interruptKeys));
    }

    /** Says a number; a key in {@code interruptKeys} stops it and is returned. */
    Optional<Character> sayNumber(long number, String interruptKeys) {
        return recorded("number:" + number, channel.sayNumber(number, interruptKeys));
    }

    /**
     * Spells text letter by letter ({@code @} as "at", {@code .} as "dot"): how an address is read on a phone when
     * no prompt was rendered for it. A key in {@code interruptKeys} stops it and is returned.
     */
    Optional<Character> spell(String what, String text, String interruptKeys) {
        return recorded("spell:" + what, channel.sayAlpha(text, interruptKeys));
    }

    private Optional<Character> recorded(String prompt, Playback playback) {
        if (playback.failed()) {
            record.record(CallEventType.PROMPT_FAILED, "prompt", prompt);
        } else if (playback.key().isPresent()) {
            record.record(CallEventType.PROMPT_PLAYED, "prompt", prompt, "key", playback.key().get().toString());
        } else {
            record.recordPrompt(prompt);
        }
        return playback.key();
    }
}
