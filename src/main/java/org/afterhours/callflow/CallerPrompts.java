package org.afterhours.callflow;

import java.util.Arrays;
import java.util.Optional;
import org.afterhours.agi.AgiChannel;
import org.afterhours.agi.Playback;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays prompts to one caller and writes each to the call's record. A prompt Asterisk cannot play (the file is
 * missing: {@code result=-1} on a live channel) is recorded as such and the call goes on: the caller hears the next
 * prompt instead of being dropped. A prompt cut short by a hang-up is the hang-up, not a failed prompt.
 */
final class CallerPrompts {
    private static final Logger log = LoggerFactory.getLogger(CallerPrompts.class);

    private final AgiChannel channel;
    private final CallRecorder record;
    private final OptionalPrompts optional;
    /** The rung phone's leg these prompts play on, null when they play to the caller. */
    private final String legId;

    /** Plays only the prompts the product ships (a line's or a person's own prompts are taken as absent). */
    CallerPrompts(AgiChannel channel, CallRecorder record) {
        this(channel, record, OptionalPrompts.NONE);
    }

    CallerPrompts(AgiChannel channel, CallRecorder record, OptionalPrompts optional) {
        this(channel, record, optional, null);
    }

    private CallerPrompts(AgiChannel channel, CallRecorder record, OptionalPrompts optional, String legId) {
        this.channel = channel;
        this.record = record;
        this.optional = optional;
        this.legId = legId;
    }

    /**
     * Plays to a phone rung for the call (a technician screening it, a manager alerted), not to the caller: what it
     * hears is recorded under its leg, never as heard by the caller.
     */
    static CallerPrompts onLeg(AgiChannel channel, CallRecorder record, OptionalPrompts optional, String legId) {
        return new CallerPrompts(channel, record, optional, legId);
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
            // res_agi answers result=-1 both for a missing file and for a prompt cut by a hang-up; only in the
            // second case does a HANGUP line come before the next reply. Asking now tells them apart: a hang-up
            // ends the call here, as the next command would have, and is not logged as a missing prompt.
            channel.noop();
            // The administrator's to fix (a sound file not installed on this Asterisk): said where they look first.
            log.warn("[{}] Asterisk could not play {} on a live channel: is the file installed in its sounds?",
                    record.reference(), prompt);
            record.record(CallEventType.PROMPT_FAILED, onThisLeg("prompt", prompt));
        } else if (playback.key().isPresent()) {
            record.record(CallEventType.PROMPT_PLAYED, onThisLeg("prompt", prompt, "key",
                    playback.key().get().toString()));
        } else if (legId == null) {
            record.recordPrompt(prompt);
        } else {
            record.recordPromptOnLeg(legId, prompt);
        }
        return playback.key();
    }

    /** The attributes, and the leg's id when these prompts play on a rung phone. */
    private String[] onThisLeg(String... attributes) {
        if (legId == null) {
            return attributes;
        }
        String[] withLeg = Arrays.copyOf(attributes, attributes.length + 2);
        withLeg[attributes.length] = "leg";
        withLeg[attributes.length + 1] = legId;
        return withLeg;
    }
}
