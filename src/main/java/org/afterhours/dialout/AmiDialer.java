package org.afterhours.dialout;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.afterhours.ami.AmiClient;
import org.afterhours.ami.AmiSettings;
import org.afterhours.ami.AmiUnavailableException;
import org.afterhours.ami.OriginateRequest;
import org.afterhours.escalation.Dialer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Dialer} over Asterisk's manager interface: each leg is one asynchronous {@code Originate} whose
 * ChannelId is the leg's id, so that the leg can be hung up by that id from the moment its channel exists, ringing
 * or answered.
 *
 * <p>Wiring: {@code AmiDialer dialer = AmiDialer.start(config.ami());} when the server starts (it logs in in the
 * background; {@link #available()} says when calls can be placed; without AFTERHOURS_AMI_SECRET it never logs in
 * and every dial throws {@link DialerUnavailableException} saying so), {@code dialer.close()} when it stops.
 */
public final class AmiDialer implements Dialer, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmiDialer.class);
    private static final Pattern LEG_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,"
            + (OriginateRequest.MAX_CHANNEL_ID - 1) + "}");
    private static final Pattern DIAL_STRING = Pattern.compile("[A-Za-z0-9_]+/[^\\s,]+");
    private static final Pattern DIALPLAN_NAME = Pattern.compile("[A-Za-z0-9_+*#.-]+");
    private static final Duration LONGEST_RING = Duration.ofMinutes(10);

    private final AmiClient client;
    private final ScreeningDialplan dialplan;
    private final boolean ownsClient;
    private final AtomicLong actions = new AtomicLong();
    /**
     * Legs Asterisk may still be ringing that we could not hang up: they were ringing when the connection dropped,
     * or hangup() came while it was down. Hung up (by uniqueid) as soon as we are logged in again.
     */
    private final Set<String> strays = ConcurrentHashMap.newKeySet();

    /**
     * Logs in to {@code settings} in the background and dials through that connection; answered legs are screened
     * as {@code dialplan} says.
     */
    public static AmiDialer start(AmiSettings settings, ScreeningDialplan dialplan) {
        return start(settings, AmiClient.Timing.DEFAULTS, dialplan);
    }

    public static AmiDialer start(AmiSettings settings, AmiClient.Timing timing, ScreeningDialplan dialplan) {
        AmiDialer dialer = new AmiDialer(new AmiClient(settings, timing), dialplan, true);
        dialer.client.start();
        return dialer;
    }

    /** Dials through a client the caller started and will close. */
    public AmiDialer(AmiClient client, ScreeningDialplan dialplan) {
        this(client, dialplan, false);
    }

    private AmiDialer(AmiClient client, ScreeningDialplan dialplan, boolean ownsClient) {
        this.client = client;
        this.dialplan = dialplan;
        this.ownsClient = ownsClient;
        client.addListener(new AmiClient.Listener() {
            @Override
            public void healthChanged(AmiClient.Health health) {
                if (health == AmiClient.Health.CONNECTED) {
                    hangUpStrays();
                }
            }
        });
    }

    public AmiClient client() {
        return client;
    }

    /** Logged in; a login under way is waited for (bounded by the AMI response timeout) rather than refused. */
    @Override
    public boolean available() {
        try {
            return client.awaitLoginAttempt(client.timing().responseTimeout()) == AmiClient.Health.CONNECTED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @throws DialerUnavailableException when AMI is not logged in
     * @throws IllegalArgumentException when the request cannot be sent safely: a leg id that is not a plain
     *                                  uniqueid, a dial string or dialplan name with spaces, commas or line breaks,
     *                                  a variable value with ',' or a line break (Asterisk splits Variable on ','),
     *                                  a ring timeout that is not positive or longer than 10 minutes
     */
    @Override
    public OutboundLeg dial(LegRequest request) {
        OriginateRequest originate = originate(request, dialplan,
                "ah-" + request.legId() + "-" + actions.incrementAndGet());
        AmiLeg leg = new AmiLeg(request.legId(), request.dialString(), client, this::stray);
        try {
            client.originate(originate).thenAccept(leg::rang);
        } catch (AmiUnavailableException e) {
            throw new DialerUnavailableException(e.getMessage());
        }
        log.info("leg {}: ringing {} for {} s", request.legId(), request.dialString(),
                request.ringTimeout().toSeconds());
        return leg;
    }

    /** The Originate for a leg into {@code dialplan}, every field checked (see {@link #dial}). */
    static OriginateRequest originate(LegRequest request, ScreeningDialplan dialplan, String actionId) {
        if (request.legId() == null || !LEG_ID.matcher(request.legId()).matches()) {
            throw new IllegalArgumentException("leg id must be 1-" + OriginateRequest.MAX_CHANNEL_ID
                    + " letters, digits, '.', '_' or '-' (it becomes the channel's uniqueid), got '"
                    + request.legId() + "'");
        }
        if (request.dialString() == null || !DIAL_STRING.matcher(request.dialString()).matches()) {
            throw new IllegalArgumentException("not a dial string (tech/resource, no spaces or commas): '"
                    + request.dialString() + "'");
        }
        for (String name : new String[] {dialplan.context(request), dialplan.extension()}) {
            if (name == null || !DIALPLAN_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a dialplan context or extension: '" + name + "'");
            }
        }
        Duration ring = request.ringTimeout();
        if (ring == null || ring.toMillis() <= 0 || ring.compareTo(LONGEST_RING) > 0) {
            throw new IllegalArgumentException("ring timeout must be between 1 ms and " + LONGEST_RING + ", got "
                    + ring);
        }
        Map<String, String> variables = dialplan.variables(request);
        variables.forEach((name, value) -> {
            if (value.chars().anyMatch(c -> c == ',' || c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("variable " + name + " may not contain ',' or a line break: '"
                        + value + "'");
            }
        });
        return new OriginateRequest(actionId, request.dialString(), dialplan.context(request), dialplan.extension(), ring,
                callerId(request.callerIdName(), request.callerIdNumber()), Map.copyOf(variables), request.legId());
    }

    /**
     * {@code "name" <number>} as ast_callerid_parse reads it. The name loses what would end the quoted string or
     * the header ({@code " \ < >}, line breaks); the number keeps only what a phone number has. Null when both are
     * empty: the PBX's default then.
     */
    static String callerId(String name, String number) {
        String cleanName = name == null ? "" : name.replaceAll("[\"\\\\<>\\r\\n\\p{Cntrl}]", "").trim();
        String cleanNumber = number == null ? "" : number.replaceAll("[^0-9+*#]", "");
        if (cleanName.isEmpty() && cleanNumber.isEmpty()) {
            return null;
        }
        return "\"" + cleanName + "\" <" + cleanNumber + ">";
    }

    /** A leg Asterisk may still ring that we could not hang up: hung up once AMI is logged in again. */
    void stray(String legId) {
        strays.add(legId);
        if (client.health() == AmiClient.Health.CONNECTED) {
            hangUpStrays(); // came back in between
        }
    }

    private void hangUpStrays() {
        for (String legId : Set.copyOf(strays)) {
            strays.remove(legId);
            try {
                client.hangup(legId).thenAccept(reply -> log.info("leg {}: left ringing when AMI dropped; Hangup: {}",
                        legId, reply.success() ? "hung up" : reply.message()));
            } catch (AmiUnavailableException e) {
                strays.add(legId);
                return;
            }
        }
    }

    /** Closes the AMI connection if this dialer opened it. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
