package org.afterhours.callflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallRecorder;
import org.afterhours.escalation.Dialer;
import org.afterhours.escalation.EmergencyDesk;
import org.afterhours.escalation.EscalationSettings;
import org.afterhours.escalation.Notifier;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The procedure escalates every emergency to the Hosted Administrator and the Support Manager at once: when a
 * technician accepts, each of them gets a call ("... accepted by Alice. Press 1 to join.") and can join the live
 * call; when nobody accepts, they are told so. Each of them with an email address is also sent a message through the
 * {@link Notifier}. Alert calls never hold up the caller.
 */
public final class ManagerAlerts {
    private static final Logger log = LoggerFactory.getLogger(ManagerAlerts.class);

    private final RuleBook rules;
    private final Dialer dialer;
    private final EmergencyDesk desk;
    private final EscalationSettings settings;
    private final Notifier notifier;
    private final AtomicInteger alerts = new AtomicInteger();

    public ManagerAlerts(RuleBook rules, Dialer dialer, EmergencyDesk desk, EscalationSettings settings,
                         Notifier notifier) {
        this.rules = rules;
        this.dialer = dialer;
        this.desk = desk;
        this.settings = settings;
        this.notifier = notifier;
    }

    void alertAccepted(Line line, CallRecorder record, Person technician) {
        alert(line, record, technician, "accepted");
    }

    void alertNobodyAccepted(Line line, CallRecorder record) {
        alert(line, record, null, "nobody-accepted");
    }

    private static String subject(Line line, String reference, Person technician) {
        return technician == null
                ? "Emergency call " + reference + " on " + line.name() + ": nobody accepted"
                : "Emergency call " + reference + " on " + line.name() + " accepted by " + technician.name();
    }

    private static String body(Line line, String reference, Person technician) {
        return technician == null
                ? "No technician accepted emergency call " + reference + " on " + line.name()
                        + ". The caller was asked to leave an urgent message."
                : technician.name() + " accepted emergency call " + reference + " on " + line.name()
                        + ". Your phone is being called now: press 1 to join the call.";
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
            if (manager.email() != null && !manager.email().isBlank()) {
                notifier.notify(manager, subject(line, reference, technician), body(line, reference, technician));
            }
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
