package org.afterhours.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.afterhours.calllog.CallDetail;
import org.afterhours.calllog.CallSummary;
import org.afterhours.calllog.FollowUpMethod;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.followup.FollowUp;
import org.afterhours.followup.FollowUps;
import org.afterhours.oncall.Person;

/**
 * The follow-ups the procedure promises each caller: the open ones, due and overdue (every technician sees all,
 * since the duty is shared), and on a call's page its follow-up and the form that records it done.
 */
final class FollowUpPages {
    private static final Pattern REFERENCE = Pattern.compile("[0-9]{7}");
    /** What a {@code datetime-local} input sends, read in the line's zone. */
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm",
            Locale.US);
    private static final int LONGEST_NOTE = 10_000;
    static final List<String> METHODS = List.of("phone", "email", "ticket");

    private final Pages pages;
    private final Formats formats;

    FollowUpPages(Pages pages) {
        this.pages = pages;
        this.formats = pages.formats();
    }

    void routes(Router router) {
        pages.get(router, "/followups", this::list);
        pages.post(router, "/calls/:reference/followup-done", this::done);
    }

    private Optional<FollowUps> followUps() {
        return pages.console().followUps();
    }

    private void list(RoutingContext ctx) {
        boolean overdueOnly = "1".equals(Pages.param(ctx, "overdue"));
        Instant now = pages.console().clock().instant();
        List<FollowUp> open = followUps().map(f -> f.open(overdueOnly)).orElse(List.of());
        Map<String, Object> model = new HashMap<>();
        model.put("nav", "followups");
        model.put("kept", followUps().isPresent());
        model.put("overdueOnly", overdueOnly);
        model.put("followUps", open.stream().map(f -> row(f, now)).toList());
        pages.render(ctx, "followups.ftlh", model);
    }

    private Map<String, Object> row(FollowUp f, Instant now) {
        Optional<CallSummary> call = pages.console().calls().call(f.reference().digits()).map(CallDetail::summary);
        ZoneId zone = formats.zone(call.map(CallSummary::lineId).orElse(null));
        Map<String, Object> row = new HashMap<>();
        row.put("reference", f.reference().digits());
        row.put("caller", call.map(c -> c.callerName() != null && !c.callerName().isBlank() ? c.callerName()
                : CallLogPages.nz(c.callerNumber())).orElse(""));
        row.put("cause", f.cause().name());
        row.put("due", formats.dateTime(f.dueAt(), zone));
        row.put("zone", zone.getId());
        row.put("overdue", f.isOverdue(now));
        row.put("owedBy", followUps().flatMap(owed -> owed.owedBy(f.reference(), pages.console().ruleBook()))
                .map(Person::name).orElse(""));
        return row;
    }

    private String nameOf(String personId) {
        return pages.console().ruleBook().person(personId).map(Person::name).orElse(personId);
    }

    /** The call's follow-up for its page: state none, owed, overdue or done, and what the done form needs. */
    Map<String, Object> ofCall(String reference, ZoneId zone) {
        Instant now = pages.console().clock().instant();
        Optional<FollowUp> found = followUps().flatMap(f -> f.find(new ReferenceNumber(reference)));
        Map<String, Object> m = new HashMap<>();
        m.put("state", found.map(f -> f.done().isPresent() ? "done" : f.isOverdue(now) ? "overdue" : "owed")
                .orElse("none"));
        m.put("cause", found.map(f -> f.cause().name()).orElse(""));
        m.put("due", found.map(f -> formats.dateTime(f.dueAt(), zone)).orElse(""));
        m.put("methods", METHODS);
        m.put("now", LOCAL_INPUT.format(now.atZone(zone)));
        Optional<FollowUp.Done> done = found.flatMap(FollowUp::done);
        m.put("by", done.map(d -> nameOf(d.by())).orElse(""));
        m.put("how", done.map(d -> d.how().name().toLowerCase(Locale.ROOT)).orElse(""));
        m.put("at", done.map(d -> formats.dateTime(d.at(), zone)).orElse(""));
        m.put("note", done.map(FollowUp.Done::note).orElse(""));
        return m;
    }

    private void done(RoutingContext ctx) {
        String reference = ctx.pathParam("reference");
        Optional<CallDetail> call = REFERENCE.matcher(reference).matches()
                ? pages.console().calls().call(reference) : Optional.empty();
        if (call.isEmpty() || followUps().isEmpty()) {
            Pages.plain(ctx, 404, "No call with that reference number.");
            return;
        }
        String back = "/calls/" + reference;
        ZoneId zone = formats.zone(call.get().summary().lineId());
        Instant now = pages.console().clock().instant();
        String how = Pages.param(ctx, "how");
        if (how == null) {
            Pages.flashAndRedirect(ctx, "Not saved: How is missing (phone, email or ticket).", back);
            return;
        }
        if (!METHODS.contains(how.toLowerCase(Locale.ROOT))) {
            Pages.flashAndRedirect(ctx, "Not saved: How must be phone, email or ticket.", back);
            return;
        }
        Optional<Instant> when = when(Pages.param(ctx, "when"), zone, now);
        if (when.isEmpty()) {
            Pages.flashAndRedirect(ctx, "Not saved: When must be a date and time (YYYY-MM-DDTHH:MM).", back);
            return;
        }
        if (when.get().isAfter(now)) {
            Pages.flashAndRedirect(ctx, "Not saved: When is in the future.", back);
            return;
        }
        String note = Optional.ofNullable(Pages.param(ctx, "note")).orElse("");
        if (note.length() > LONGEST_NOTE) {
            Pages.flashAndRedirect(ctx, "Not saved: Note is longer than " + LONGEST_NOTE + " characters.", back);
            return;
        }
        boolean recorded = followUps().get().done(new ReferenceNumber(reference), Pages.user(ctx).personId(),
                FollowUpMethod.parse(how), when.get(), note);
        Pages.flashAndRedirect(ctx, recorded ? "Follow-up recorded done."
                : "Not saved: this call owes no follow-up, or it was recorded done already.", back);
    }

    /** The form's time in the line's zone; now when left blank; empty when it is not a time. */
    private static Optional<Instant> when(String text, ZoneId zone, Instant now) {
        if (text == null) {
            return Optional.of(now);
        }
        try {
            return Optional.of(LocalDateTime.parse(text, LOCAL_INPUT).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
