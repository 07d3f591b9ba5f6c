package org.afterhours.callflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallRecorder;
import org.afterhours.escalation.Dialer;
import org.afterhours.escalation.EmergencyDesk;
import org.afterhours.escalation.EscalationSettings;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The procedure escalates every emergency to the Hosted Administrator and the Support Manager at once: when a
 * technician accepts, each of them gets a call ("... accepted by Alice. Press 1 to join.") and can join the live
 * call; when nobody accepts, they are told so. Alert calls never hold up the caller. The written alert (email,
 * webhook) goes out from the due table once the call's event is in the database (followup's EMERGENCY_OUTCOME_ALERT):
 * recorded, retried, sent once across nodes.
 */
public final class ManagerAlerts {
    private static final Logger log = LoggerFactory.getLogger(ManagerAlerts.class);

    private final RuleBook rules;
    private final Dialer dialer;
    private final EmergencyDesk desk;
    private final EscalationSettings settings;
    private final AtomicInteger alerts = new AtomicInteger();

    public ManagerAlerts(RuleBook rules, Dialer dialer, EmergencyDesk desk, EscalationSettings settings) {
        this.rules = rules;
        this.dialer = dialer;
        this.desk = desk;
        this.settings = settings;
    }

    void alertAccepted(Line line, CallRecorder record, Person technician) {
        alert(line, record, technician, "accepted");
    }

    void alertNobodyAccepted(Line line, CallRecorder record) {
        alert(line, record, null, "nobody-accepted");
    }

    private void alert(Line line, CallRecorder record, Person technician, String reason) {
        Map<String, Person> managers = new LinkedHashMap<>();
        for (String role : settings.alertRoles()) {
            rules.activeWithRole(role).forEach(p -> managers.putIfAbsent(p.id(), p));
        }
        if (technician != null) {
            managers.remove(technician.id());
        }
        for (Person manager : managers.values()) {
            String reference = record.reference().digits();
            if (manager.contactPoints().isEmpty()) {
                continue;
            }
            String legId = reference + "-m" + alerts.incrementAndGet();
            desk.register(new EmergencyDesk.Leg(legId, reference, line.id(), manager.id(), manager.name(),
                    EmergencyDesk.LegRole.MANAGER, record, technician));
            try {
                Dialer.OutboundLeg leg = dialer.dial(new Dialer.LegRequest(legId, reference,
                        EmergencyDesk.LegRole.MANAGER, manager.contactPoints().get(0).dialString(),
                        "Afterhours " + reference, settings.callerIdNumber(), settings.alertRingTimeout()));
                leg.ringing().thenAccept(outcome -> record.record(CallEventType.MANAGER_ALERTED, "leg", legId,
                        "person", manager.id(), "personName", manager.name(), "reason", reason,
                        "outcome", outcome.name()));
            } catch (Dialer.DialerUnavailableException e) {
                log.warn("[{}] cannot alert {}: {}", reference, manager.id(), e.getMessage());
                record.record(CallEventType.MANAGER_ALERTED, "leg", legId, "person", manager.id(),
                        "personName", manager.name(), "reason", reason, "outcome", "FAILED");
            }
        }
    }
}
