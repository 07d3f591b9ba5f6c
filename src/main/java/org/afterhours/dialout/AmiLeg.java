package org.afterhours.dialout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.afterhours.ami.AmiClient;
import org.afterhours.ami.AmiUnavailableException;
import org.afterhours.ami.OriginateResult;
import org.afterhours.escalation.Dialer;
import org.afterhours.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One originated leg: ringing until the OriginateResponse says how it ended, or until we hang it up.
 *
 * <p>A Hangup sent right after the Originate can find no channel yet: Asterisk creates it on the originating thread
 * a moment after answering "queued", and answers "No such channel" before that. So while no result has come, a
 * Hangup that found no channel is sent again a few times (0.1 s, doubling); and a leg that is answered after we hung
 * it up is hung up once more.
 */
final class AmiLeg implements Dialer.OutboundLeg {
    private static final Logger log = LoggerFactory.getLogger(AmiLeg.class);
    private static final int HANGUP_RETRIES = 6;
    /** A Hangup that found no channel is sent again after 0.2 s, 0.4 s, ... (the channel may not exist yet). */
    private static final Backoff HANGUP_AGAIN = new Backoff(Duration.ofMillis(200), Duration.ofMillis(100L << HANGUP_RETRIES));

    private enum State { RINGING, ANSWERED, ENDED }

    private final String legId;
    private final String dialString;
    private final AmiClient client;
    private final Consumer<String> strays;
    private final CompletableFuture<Dialer.RingOutcome> ringing = new CompletableFuture<>();
    private State state = State.RINGING;
    private boolean hangupAsked;
    private boolean resultKnown;

    AmiLeg(String legId, String dialString, AmiClient client, Consumer<String> strays) {
        this.legId = legId;
        this.dialString = dialString;
        this.client = client;
        this.strays = strays;
    }

    @Override
    public String legId() {
        return legId;
    }

    @Override
    public CompletableFuture<Dialer.RingOutcome> ringing() {
        return ringing;
    }

    /** On the AMI events thread: how the Originate ended. */
    void rang(OriginateResult result) {
        Dialer.RingOutcome outcome = outcome(result);
        boolean cancelled;
        synchronized (this) {
            resultKnown = true;
            cancelled = hangupAsked;
            state = outcome == Dialer.RingOutcome.ANSWERED && !cancelled ? State.ANSWERED : State.ENDED;
        }
        if (result.outcome() == OriginateResult.Outcome.DISCONNECTED) {
            strays.accept(legId); // Asterisk may ring it still, and run its dialplan if answered
        }
        if (cancelled) {
            if (outcome == Dialer.RingOutcome.ANSWERED) {
                log.info("leg {}: answered after it was cancelled; hanging up", legId);
                sendHangup(0);
            }
            return;
        }
        log.info("leg {}: {} {} (Reason {}{})", legId, dialString, outcome, result.reason(),
                result.message().isEmpty() ? "" : ", " + result.message());
        ringing.complete(outcome);
    }

    static Dialer.RingOutcome outcome(OriginateResult result) {
        return switch (result.outcome()) {
            case ANSWERED -> Dialer.RingOutcome.ANSWERED;
            case NO_ANSWER -> Dialer.RingOutcome.NO_ANSWER;
            case BUSY -> Dialer.RingOutcome.BUSY;
            case CONGESTION, FAILED, REJECTED, DISCONNECTED -> Dialer.RingOutcome.FAILED;
        };
    }

    /** Ringing: CANCELLED at once, and Hangup sent. Answered: Hangup sent. Ended: nothing to do. Once only. */
    @Override
    public void hangup() {
        State was;
        synchronized (this) {
            if (hangupAsked) {
                return;
            }
            hangupAsked = true;
            was = state;
        }
        if (was == State.ENDED) {
            return;
        }
        if (was == State.RINGING) {
            log.info("leg {}: cancelled while ringing", legId);
            ringing.complete(Dialer.RingOutcome.CANCELLED);
        }
        sendHangup(0);
    }

    private void sendHangup(int attempt) {
        try {
            client.hangup(legId).thenAccept(reply -> {
                if (reply.success()) {
                    return;
                }
                boolean retry;
                synchronized (this) {
                    retry = !resultKnown && attempt < HANGUP_RETRIES;
                }
                if (retry) {
                    CompletableFuture.delayedExecutor(HANGUP_AGAIN.afterFailures(attempt).toMillis(), TimeUnit.MILLISECONDS)
                            .execute(() -> sendHangup(attempt + 1));
                } else {
                    log.debug("leg {}: Hangup answered '{}'", legId, reply.message());
                }
            });
        } catch (AmiUnavailableException e) {
            log.warn("leg {}: cannot hang up now ({}); will once AMI is back", legId, e.getMessage());
            strays.accept(legId);
        }
    }
}
