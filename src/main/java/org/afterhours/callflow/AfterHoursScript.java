package org.afterhours.callflow;

import java.time.Clock;
import java.util.Optional;
import org.afterhours.agi.AgiChannel;
import org.afterhours.agi.AgiRequest;
import org.afterhours.agi.AgiScript;
import org.afterhours.calllog.CallJournal;
import org.afterhours.calllog.CallRecorder;
import org.afterhours.calllog.ReferenceNumbers;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AGI(agi://host:4573/afterhours?line=<id>)}: gives each call its reference number and record, finds the
 * line it came in on, and runs an {@link AfterHoursCall} for it.
 */
public final class AfterHoursScript implements AgiScript {
    public static final String PATH = "afterhours";
    private static final Logger log = LoggerFactory.getLogger(AfterHoursScript.class);

    private final RuleBook rules;
    private final ReferenceNumbers references;
    private final CallJournal journal;
    private final FlowSettings settings;
    private final TechnicianConnector technicians;
    private final VoicemailAlerts alerts;
    private final Clock clock;
    private final OptionalPrompts optionalPrompts;

    /** @param optionalPrompts the prompts rendered for lines and people that Asterisk has */
    public AfterHoursScript(RuleBook rules, ReferenceNumbers references, CallJournal journal, FlowSettings settings,
                            TechnicianConnector technicians, VoicemailAlerts alerts, Clock clock,
                            OptionalPrompts optionalPrompts) {
        this.rules = rules;
        this.references = references;
        this.journal = journal;
        this.settings = settings;
        this.technicians = technicians;
        this.alerts = alerts;
        this.clock = clock;
        this.optionalPrompts = optionalPrompts;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        RuleBook book = rules.snapshot(); // one consistent view for the whole call
        Line line = lineCalled(book, request).orElseThrow(() -> new IllegalStateException(
                "no after-hours line is configured: the dialplan falls back"));
        Clock callClock = clockFor(request, line, book);
        CallRecorder record = new CallRecorder(references.next(), journal, callClock);
        new AfterHoursCall(request, channel, line, book, record, settings, technicians, alerts, callClock,
                optionalPrompts).run();
    }

    /**
     * The server's clock, or, when the administrator allowed it for trying the product, a clock moved to the
     * next moment the line is open ({@code ?simulate=business-hours}) or closed ({@code ?simulate=after-hours}).
     */
    private Clock clockFor(AgiRequest request, Line line, RuleBook book) {
        Optional<String> simulate = request.parameter("simulate");
        if (simulate.isEmpty() || !settings.allowSimulatedTime()) {
            return clock;
        }
        boolean wantOpen = simulate.get().equals("business-hours");
        java.time.Instant now = clock.instant();
        for (java.time.Instant t = now; t.isBefore(now.plus(java.time.Duration.ofDays(14)));
             t = t.plus(java.time.Duration.ofMinutes(30))) {
            if (book.isOpen(line.id(), t) == wantOpen) {
                log.debug("simulated call: clock moved to {} ({})", t, simulate.get());
                return Clock.offset(clock, java.time.Duration.between(now, t));
            }
        }
        return clock;
    }

    /**
     * The line named in the AGI URL ({@code ?line=}), else the one whose number was dialled, else the configured
     * default, else the first line: a caller is served by some line rather than turned away over a dialplan typo.
     */
    private Optional<Line> lineCalled(RuleBook book, AgiRequest request) {
        Optional<String> named = request.parameter("line");
        if (named.isPresent()) {
            Optional<Line> line = book.lineById(named.get());
            if (line.isPresent()) {
                return line;
            }
            log.warn("AGI URL names line '{}', which is not configured; using the dialled number",
                    printable(named.get()));
        }
        Optional<Line> dialled = book.lineForDialledNumber(request.dialledNumber());
        if (dialled.isPresent()) {
            return dialled;
        }
        if (settings.defaultLineId() != null) {
            Optional<Line> fallback = book.lineById(settings.defaultLineId());
            if (fallback.isPresent()) {
                return fallback;
            }
        }
        return book.lines().stream().findFirst();
    }

    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
