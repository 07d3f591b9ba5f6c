package org.afterhours.app;

import java.time.Clock;
import org.afterhours.callflow.EscalatingConnector;
import org.afterhours.callflow.ManagerAlerts;
import org.afterhours.callflow.OptionalPrompts;
import org.afterhours.callflow.ScreeningScript;
import org.afterhours.callflow.TechnicianConnector;
import org.afterhours.dialout.AmiDialer;
import org.afterhours.dialout.ScreeningDialplan;
import org.afterhours.escalation.EmergencyDesk;
import org.afterhours.escalation.EscalationPlanner;
import org.afterhours.oncall.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires reaching a technician: the PBX's manager interface (AMI) to place calls, the desk that ties screened legs
 * to their emergency, the connector the caller's flow uses, and the screening script the answered legs run.
 */
final class EscalationSide implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EscalationSide.class);

    private final AmiDialer dialer;
    private final TechnicianConnector connector;
    private final ScreeningScript screening;

    private EscalationSide(AmiDialer dialer, TechnicianConnector connector, ScreeningScript screening) {
        this.dialer = dialer;
        this.connector = connector;
        this.screening = screening;
    }

    /** @param nodeUrl this node's FastAGI URL, put on every leg it places (known once the listener is up) */
    static EscalationSide start(AfterhoursConfig config, RuleBook rules, EscalationPlanner planner,
                                Clock clock, OptionalPrompts optionalPrompts,
                                java.util.function.Supplier<String> nodeUrl) {
        if (!config.ami().hasSecret()) {
            log.warn("AFTERHOURS_AMI_SECRET is not set: no technician can be called; emergency callers leave an "
                    + "urgent message instead");
        }
        AmiDialer dialer = AmiDialer.start(config.ami(), new ScreeningDialplan(config.screenContext(), nodeUrl));
        EmergencyDesk desk = new EmergencyDesk();
        ManagerAlerts managers = new ManagerAlerts(rules, dialer, desk, config.escalation());
        TechnicianConnector connector = new EscalatingConnector(planner, dialer, desk, config.escalation(),
                config.hold(), managers, clock);
        return new EscalationSide(dialer, connector,
                new ScreeningScript(desk, config.escalation().screeningTimeout(), clock, optionalPrompts));
    }

    /** The PBX's dialer, for phone notices after the call. */
    org.afterhours.escalation.Dialer dialer() {
        return dialer;
    }

    /** The manager interface's state: CONNECTED, CONNECTING, DISCONNECTED, or NOT_SET_UP without a secret. */
    String amiHealth() {
        return dialer.client().settings().hasSecret() ? dialer.client().health().name() : "NOT_SET_UP";
    }

    TechnicianConnector connector() {
        return connector;
    }

    ScreeningScript screening() {
        return screening;
    }

    @Override
    public void close() {
        dialer.close();
    }
}
