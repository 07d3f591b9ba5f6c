package org.afterhours.notify;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.afterhours.escalation.Dialer;
import org.afterhours.escalation.EmergencyDesk;
import org.afterhours.escalation.MessageCalls;
import org.afterhours.escalation.Notice;
import org.afterhours.escalation.NoticeChannel;
import org.afterhours.escalation.NoticeKind;
import org.afterhours.escalation.Recipient;

/**
 * Kept messages by phone, through the same dialer that reaches technicians for emergencies: the person's first
 * contact point is rung as a {@code MESSAGE} leg (the dialer's dialplan contract sends it to the message context), where the server's script tells them of the message and lets
 * them hear it, call the customer back, or say they handle it. Delivered means answered; not answered, busy or the
 * PBX unreachable fails the delivery, and the due item rings again later. Blocks while the phone rings.
 */
public final class PhoneChannel implements NoticeChannel {
    /** The kinds worth waking someone for. */
    private static final Set<NoticeKind> BY_PHONE = Set.of(NoticeKind.MESSAGE_KEPT, NoticeKind.MESSAGE_UNACKNOWLEDGED);

    /** @param callerIdNumber what the person's phone shows (digits), or empty */
    public record PhoneSettings(String callerIdNumber, Duration ringTimeout) {
    }

    private final Dialer dialer;
    private final MessageCalls calls;
    private final PhoneSettings settings;
    private final AtomicLong legs = new AtomicLong();

    public PhoneChannel(Dialer dialer, MessageCalls calls, PhoneSettings settings) {
        this.dialer = dialer;
        this.calls = calls;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public boolean perRecipient() {
        return true;
    }

    @Override
    public boolean carries(NoticeKind kind) {
        return BY_PHONE.contains(kind);
    }

    @Override
    public boolean reaches(Recipient to) {
        return !to.dial().isEmpty();
    }

    @Override
    public String deliver(Notice notice) {
        // Waits out a login in progress (a node reconnecting), as an emergency does.
        if (!dialer.available()) {
            throw new DeliveryException("the PBX's manager interface is not available");
        }
        // Unique across nodes and restarts: the PBX makes it the channel's unique id.
        String legId = notice.reference() + "-n" + legs.incrementAndGet() + "-" + Long.toString(
                ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36);
        calls.register(new MessageCalls.MessageCall(legId, notice.reference(), notice.to().id(),
                notice.facts().getOrDefault("lineId", ""), notice.facts().getOrDefault("callerNumber", ""),
                withoutExtension(notice.recordingPath()), "true".equals(notice.facts().get("urgent")),
                epochSecond(notice.facts().get("keptAtEpochSecond")), notice.facts().getOrDefault("zone", "")));
        Dialer.RingOutcome outcome;
        try {
            Dialer.OutboundLeg leg = dialer.dial(new Dialer.LegRequest(legId, notice.reference(),
                    EmergencyDesk.LegRole.MESSAGE, notice.to().dial(), "Afterhours message " + notice.reference(),
                    settings.callerIdNumber(), settings.ringTimeout()));
            outcome = leg.ringing().get(settings.ringTimeout().toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (Dialer.DialerUnavailableException e) {
            calls.forget(legId);
            throw new DeliveryException("cannot place the call: " + e.getMessage(), e);
        } catch (TimeoutException | ExecutionException e) {
            calls.forget(legId);
            throw new DeliveryException("no word from the PBX on the call to " + notice.to().id(), e);
        } catch (InterruptedException e) {
            calls.forget(legId);
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while ringing " + notice.to().id(), e);
        }
        if (outcome != Dialer.RingOutcome.ANSWERED) {
            calls.forget(legId);
            throw new DeliveryException(notice.to().id() + "'s phone: " + outcome);
        }
        return "answered (leg " + legId + ")";
    }

    /** Asterisk plays a file by its name without extension. */
    static String withoutExtension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(0, dot) : path;
    }

    /** The seconds written by the notice, or 0 (the time is then not said) when absent or not a number. */
    private static long epochSecond(String text) {
        if (text == null || !text.matches("[0-9]{1,12}")) {
            return 0;
        }
        return Long.parseLong(text);
    }
}
