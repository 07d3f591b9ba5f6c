package org.afterhours.agi.server;

import io.netty.channel.Channel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.afterhours.agi.AgiChannel;
import org.afterhours.agi.AgiCommandException;
import org.afterhours.agi.AgiException;
import org.afterhours.agi.AgiHangupException;
import org.afterhours.agi.AgiReply;
import org.afterhours.agi.ChannelState;
import org.afterhours.agi.DigitsEntered;
import org.afterhours.agi.Playback;
import org.afterhours.agi.Recording;
import org.afterhours.agi.codec.AgiCommand;
import org.afterhours.agi.codec.AgiCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link AgiChannel} over one FastAGI connection. Every command goes through {@link #send}, the one chokepoint. */
final class SessionChannel implements AgiChannel {
    private static final Logger log = LoggerFactory.getLogger(SessionChannel.class);
    private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private final Channel connection;
    private final ReplyMailbox mailbox;
    private final String sessionId;
    private final AtomicBoolean commandInFlight = new AtomicBoolean();
    private volatile String statusForDialplan;

    SessionChannel(Channel connection, ReplyMailbox mailbox, String sessionId) {
        this.connection = connection;
        this.mailbox = mailbox;
        this.sessionId = sessionId;
    }

    /**
     * Writes one command and waits for its reply. 200 comes back as is; 511 and the HANGUP line become
     * {@link AgiHangupException}; 510 and 520 become {@link AgiCommandException}.
     */
    AgiReply send(AgiCommand command) {
        if (!commandInFlight.compareAndSet(false, true)) {
            throw new IllegalStateException("AGI allows one command at a time per call");
        }
        try {
            throwIfGone();
            mailbox.expectReply();
            write(command.line() + "\n");
            ReplyMailbox.Received received = mailbox.awaitReply();
            AgiReply reply = received.reply();
            log.trace("[{}] {} -> {} result={}", sessionId, command.verb(), reply.code(), reply.result());
            return interpret(command, reply, received.afterHangup());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgiHangupException(AgiHangupException.Cause.SERVER_SHUTDOWN, "interrupted while waiting");
        } finally {
            commandInFlight.set(false);
        }
    }

    private void write(String line) {
        if (connection instanceof DirectWriteChannel direct) {
            direct.writeLine(line);
        } else {
            connection.writeAndFlush(line);
        }
    }

    private AgiReply interpret(AgiCommand command, AgiReply reply, boolean afterHangup) {
        switch (reply.code()) {
            case AgiReply.SUCCESS -> {
                // A reply written after the HANGUP line was for a dead channel: the caller is gone. One written
                // before it is the live channel's answer (a key pressed just before hanging up, say) and stands;
                // the next command learns of the hang-up.
                if (afterHangup) {
                    throw new AgiHangupException(AgiHangupException.Cause.CALLER_HUNG_UP, "caller hung up");
                }
                return reply;
            }
            case AgiReply.DEAD_CHANNEL -> {
                // Expected after a hang-up: debug, not an error.
                log.debug("[{}] {} answered 511: channel is dead", sessionId, command.verb());
                throw new AgiHangupException(AgiHangupException.Cause.DEAD_CHANNEL, "dead channel (511)");
            }
            default -> throw new AgiCommandException(command.line(), reply);
        }
    }

    @Override
    public void returnToDialplan(String status) {
        if (status == null || !STATUS.matcher(status).matches()) {
            throw new IllegalArgumentException("a status for the dialplan is A-Z, 0-9 and _ (at most 32), not '"
                    + status + "'");
        }
        statusForDialplan = status;
    }

    /** The status the script asked the dialplan to see, if it asked for one. */
    Optional<String> statusForDialplan() {
        return Optional.ofNullable(statusForDialplan);
    }

    /** Whether Asterisk has told us the caller hung up. */
    boolean callerHungUp() {
        return mailbox.hangupSeen();
    }

    private void throwIfGone() {
        if (mailbox.hangupSeen()) {
            throw new AgiHangupException(AgiHangupException.Cause.CALLER_HUNG_UP, "caller hung up");
        }
        AgiHangupException closed = mailbox.closedCause();
        if (closed != null) {
            throw new AgiHangupException(closed.hangupCause(), closed.getMessage());
        }
    }

    @Override
    public void answer() {
        send(AgiCommands.answer());
    }

    @Override
    public void hangup() {
        send(AgiCommands.hangup());
    }

    @Override
    public Playback streamFile(String file, String escapeDigits) {
        return playback(send(AgiCommands.streamFile(file, escapeDigits)));
    }

    @Override
    public Playback streamFile(String file, String escapeDigits, long offsetSamples) {
        return playback(send(AgiCommands.streamFile(file, escapeDigits, offsetSamples)));
    }

    @Override
    public DigitsEntered getData(String promptFile, long timeoutMillis, int maxDigits) {
        AgiReply reply = send(AgiCommands.getData(promptFile, timeoutMillis, maxDigits));
        boolean timedOut = "timeout".equals(reply.data());
        if (reply.result().equals("-1")) {
            return new DigitsEntered("", timedOut, true);
        }
        return new DigitsEntered(reply.result(), timedOut, false);
    }

    @Override
    public Optional<Character> waitForDigit(long timeoutMillis) {
        int result = send(AgiCommands.waitForDigit(timeoutMillis)).resultAsInt();
        return result > 0 ? Optional.of((char) result) : Optional.empty();
    }

    @Override
    public Playback sayDigits(String digits, String escapeDigits) {
        return playback(send(AgiCommands.sayDigits(digits, escapeDigits)));
    }

    @Override
    public Playback sayNumber(long number, String escapeDigits) {
        return playback(send(AgiCommands.sayNumber(number, escapeDigits)));
    }

    @Override
    public Playback sayDateTime(long epochSecond, String escapeDigits, String format, String zone) {
        return playback(send(AgiCommands.sayDateTime(epochSecond, escapeDigits, format, zone)));
    }

    @Override
    public Playback sayAlpha(String text, String escapeDigits) {
        return playback(send(AgiCommands.sayAlpha(text, escapeDigits)));
    }

    @Override
    public void setVariable(String name, String value) {
        send(AgiCommands.setVariable(name, value));
    }

    @Override
    public Optional<String> getVariable(String name) {
        return variable(send(AgiCommands.getVariable(name)));
    }

    @Override
    public Optional<String> getFullVariable(String expression) {
        return variable(send(AgiCommands.getFullVariable(expression)));
    }

    @Override
    public int exec(String application, List<String> arguments) {
        return send(AgiCommands.exec(application, arguments)).resultAsInt();
    }

    @Override
    public Recording recordFile(String file, String format, String escapeDigits, long maxMillis, boolean beep,
                                int silenceSeconds) {
        AgiReply reply = send(AgiCommands.recordFile(file, format, escapeDigits, maxMillis, beep, silenceSeconds));
        int result = reply.resultAsInt();
        String reason = reply.data() == null ? "" : reply.data();
        Optional<Character> key = "dtmf".equals(reason) && result > 0 ? Optional.of((char) result) : Optional.empty();
        return new Recording(reason, key, reply.endpos().orElse(-1), result < 0);
    }

    @Override
    public void setMusic(boolean on, String mohClass) {
        send(AgiCommands.setMusic(on, mohClass));
    }

    @Override
    public void setAutoHangup(java.time.Duration after) {
        long millis = Math.max(0, after.toMillis());
        send(AgiCommands.setAutoHangup((millis + 999) / 1000));
    }

    @Override
    public ChannelState channelStatus() {
        return ChannelState.of(send(AgiCommands.channelStatus()).resultAsInt());
    }

    @Override
    public void verbose(String message, int level) {
        send(AgiCommands.verbose(message, level));
    }

    @Override
    public void noop() {
        send(AgiCommands.noop());
    }

    private static Playback playback(AgiReply reply) {
        int result = reply.resultAsInt();
        Optional<Character> key = result > 0 ? Optional.of((char) result) : Optional.empty();
        return new Playback(key, result < 0, reply.endpos().orElse(-1));
    }

    /** GET VARIABLE answers {@code result=1 (value)} when set and {@code result=0} when not. */
    private static Optional<String> variable(AgiReply reply) {
        if (reply.resultAsInt() != 1) {
            return Optional.empty();
        }
        if (reply.data() == null) {
            throw new AgiException("GET VARIABLE answered result=1 without a value");
        }
        return Optional.of(reply.data());
    }
}
