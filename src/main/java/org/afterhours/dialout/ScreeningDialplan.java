package org.afterhours.dialout;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.afterhours.escalation.Dialer;
import org.afterhours.escalation.EmergencyDesk;

/**
 * Our side of the dialplan contract for a screened leg ({@code [afterhours-screen]} in
 * {@code asterisk-config/extensions.conf}): the answered leg enters {@code context}, extension {@code s}, with the
 * emergency's reference, the leg's role and id, and the FastAGI URL of the node that placed it. The dialplan runs
 * {@code AGI(${AFTERHOURS_NODE}/screen?...)}, so the screening reaches the node that holds the caller's session and
 * the leg's place in its emergency, whichever node of several that is.
 */
public final class ScreeningDialplan {
    public static final String DEFAULT_CONTEXT = "afterhours-screen";
    /** Where a leg telling someone of a kept message goes: [afterhours-message], which runs the message script. */
    public static final String MESSAGE_CONTEXT = "afterhours-message";
    static final String EXTENSION = "s";
    static final String REFERENCE = "AFTERHOURS_REF";
    static final String ROLE = "AFTERHOURS_ROLE";
    static final String ATTEMPT = "AFTERHOURS_ATTEMPT";
    static final String NODE = "AFTERHOURS_NODE";
    /** agi://host[:port]: a host name, IPv4 or bracketed IPv6 address; nothing the dialplan would split or expand. */
    private static final Pattern NODE_URL = Pattern.compile(
            "agi://([A-Za-z0-9][A-Za-z0-9.-]*|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");

    private final String context;
    private final Supplier<String> nodeUrl;

    /**
     * @param context the dialplan context of screened legs ({@code escalation.screen-context})
     * @param nodeUrl this node's FastAGI URL as Asterisk reaches it; asked at each dial, since a node listening on
     *                a port chosen at start learns it only then
     */
    public ScreeningDialplan(String context, Supplier<String> nodeUrl) {
        this.context = Objects.requireNonNull(context, "context");
        this.nodeUrl = Objects.requireNonNull(nodeUrl, "nodeUrl");
    }

    /** Whether {@code url} can be this node's URL in the contract: {@code agi://host:port}, nothing more. */
    public static boolean isNodeUrl(String url) {
        return url != null && NODE_URL.matcher(url).matches();
    }

    String context() {
        return context;
    }

    /** The context {@code request}'s answered leg enters: screening, or the message script for a message leg. */
    String context(Dialer.LegRequest request) {
        return request.role() == EmergencyDesk.LegRole.MESSAGE ? MESSAGE_CONTEXT : context;
    }

    String extension() {
        return EXTENSION;
    }

    /** The channel variables of {@code request}'s leg, the owning node's URL among them. */
    Map<String, String> variables(Dialer.LegRequest request) {
        String node = nodeUrl.get();
        if (!isNodeUrl(node)) {
            throw new IllegalStateException("this node's FastAGI URL is not known (got '" + node
                    + "'): a screened leg would reach another node");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(REFERENCE, request.reference());
        variables.put(ROLE, request.role().name().toLowerCase(Locale.ROOT));
        variables.put(ATTEMPT, request.legId());
        variables.put(NODE, node);
        return variables;
    }
}
