package org.afterhours.callflow;

import java.util.Optional;
import java.util.function.Supplier;
import org.afterhours.agi.AgiChannel;
import org.afterhours.agi.AgiRequest;
import org.afterhours.agi.AgiScript;
import org.afterhours.escalation.MessageCalls;

/**
 * {@code AGI(agi://host:4573/message?attempt=<leg>)}, run on the answered phone of someone told of a kept message
 * ([afterhours-message] in extensions.conf): "You have an urgent message for the after-hours line, reference
 * 1 0 0 0 2 0 0, from 9 1 3 ..., left at 2 14 A M. To hear it, press 1. To call the customer back now, press 2. If you are handling it,
 * press 3." 1 plays the recording (it is on this Asterisk) and offers the choice again; 2 dials the customer through
 * the transfer dial template and, if they answer, the message is answered; 3 acknowledges it.
 */
public final class MessageCallScript implements AgiScript {
    public static final String PATH = "message";
    private static final char HEAR = '1';
    private static final char CALL_BACK = '2';
    private static final char HANDLING = '3';
    private static final String KEYS = "123";
    private static final int ROUNDS = 3;
    private static final long WAIT_MILLIS = 6000;
    /** Asterisk's date format letters: hour, minute, A M / P M ("two fourteen A M"). */
    private static final String SAID_TIME = "IMp";

    private final MessageCalls calls;
    private final MessageCalls.Responses responses;
    private final FlowSettings settings;

    public MessageCallScript(MessageCalls calls, MessageCalls.Responses responses, FlowSettings settings) {
        this.calls = calls;
        this.responses = responses;
        this.settings = settings;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        Optional<MessageCalls.MessageCall> call = request.parameter("attempt").flatMap(calls::find);
        channel.answer();
        if (call.isEmpty()) {
            channel.streamFile(Prompts.SCREEN_TAKEN, "");
            return; // placed before a restart, or by another node: nothing here to say
        }
        try {
            offer(call.get(), channel);
        } finally {
            calls.forget(call.get().legId());
        }
    }

    private void offer(MessageCalls.MessageCall call, AgiChannel channel) {
        Optional<Character> key = firstKey(
                () -> channel.streamFile(call.urgent() ? Prompts.MESSAGE_CALL_URGENT : Prompts.MESSAGE_CALL, KEYS)
                        .key(),
                () -> channel.streamFile(Prompts.SCREEN_REFERENCE, KEYS).key(),
                () -> channel.sayDigits(call.reference(), KEYS).key(),
                () -> call.callerDigits().isEmpty() ? Optional.empty()
                        : channel.streamFile(Prompts.MESSAGE_CALL_FROM, KEYS).key(),
                () -> call.callerDigits().isEmpty() ? Optional.empty()
                        : channel.sayDigits(call.callerDigits(), KEYS).key(),
                () -> call.leftAtEpochSecond() == 0 || call.zone().isEmpty() ? Optional.empty()
                        : channel.streamFile(Prompts.MESSAGE_CALL_LEFT_AT, KEYS).key(),
                () -> call.leftAtEpochSecond() == 0 || call.zone().isEmpty() ? Optional.empty()
                        : channel.sayDateTime(call.leftAtEpochSecond(), KEYS, SAID_TIME, call.zone()).key());
        for (int round = 1; round <= ROUNDS; round++) {
            if (key.isEmpty()) {
                key = firstKey(() -> channel.streamFile(Prompts.MESSAGE_CALL_OPTIONS, KEYS).key(),
                        () -> channel.waitForDigit(WAIT_MILLIS));
            }
            if (key.isEmpty()) {
                continue;
            }
            char pressed = key.get();
            key = Optional.empty();
            if (pressed == HANDLING) {
                responses.acknowledged(call.reference(), call.personId());
                channel.streamFile(Prompts.MESSAGE_CALL_THANKS, "");
                return;
            }
            if (pressed == HEAR) {
                key = hear(call, channel);
            } else if (pressed == CALL_BACK && callBack(call, channel)) {
                return;
            }
        }
    }

    /** Plays the message; a key pressed during it is the next choice. */
    private static Optional<Character> hear(MessageCalls.MessageCall call, AgiChannel channel) {
        if (call.recording().isEmpty()) {
            return channel.streamFile(Prompts.MESSAGE_CALL_NO_RECORDING, KEYS).key();
        }
        var playback = channel.streamFile(call.recording(), KEYS);
        if (playback.key().isEmpty() && playback.failed()) {
            return channel.streamFile(Prompts.MESSAGE_CALL_NO_RECORDING, KEYS).key();
        }
        return playback.key();
    }

    /** @return whether the customer answered (the message is then answered, and this call is theirs) */
    private boolean callBack(MessageCalls.MessageCall call, AgiChannel channel) {
        if (call.callerDigits().isEmpty()) {
            channel.streamFile(Prompts.MESSAGE_CALL_NO_ANSWER, "");
            return false;
        }
        channel.streamFile(Prompts.MESSAGE_CALL_CALLING, "");
        // Digits only reach the dial string: the caller ID is the caller's to choose.
        String dialString = settings.transferDialTemplate().replace("{number}", call.callerDigits());
        responses.acknowledged(call.reference(), call.personId());
        channel.exec("Dial", dialString, Long.toString(settings.transferRingTime().toSeconds()));
        if (channel.getVariable("DIALSTATUS").orElse("").equals("ANSWER")) {
            responses.calledBack(call.reference(), call.personId());
            return true;
        }
        channel.streamFile(Prompts.MESSAGE_CALL_NO_ANSWER, "");
        return false;
    }

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
}
