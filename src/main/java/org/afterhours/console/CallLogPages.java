package org.afterhours.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.afterhours.calllog.CallAttempt;
import org.afterhours.calllog.CallCursor;
import org.afterhours.calllog.CallDetail;
import org.afterhours.calllog.CallFilter;
import org.afterhours.calllog.CallOutcome;
import org.afterhours.calllog.CallPage;
import org.afterhours.calllog.CallSummary;
import org.afterhours.calllog.Completion;
import org.afterhours.calllog.EntryEdit;
import org.afterhours.calllog.LoggedEvent;
import org.afterhours.calllog.MessageStatus;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.calllog.Triage;
import org.afterhours.calllog.Words;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.Person;

/** The call log (filters, pages, CSV) and one call's page (record, timeline, message, completion, history). */
final class CallLogPages {
    static final int PAGE_SIZE = 50;
    private static final int MOST_CSV_ROWS = 100_000;
    private static final Pattern REFERENCE = Pattern.compile("[0-9]{7}");
    static final List<String> TRIAGES = Arrays.stream(Triage.values()).map(Enum::name).toList();
    /** Every way a call can end, from the call record's own vocabulary (a new outcome is listed without an edit). */
    static final List<String> OUTCOMES = Arrays.stream(CallOutcome.values()).map(Enum::name).toList();
    /** How the completion form names each field, in the server's messages too. */
    static final Map<String, String> FIELD_NAMES = Map.of(Completion.SUMMARY, "Summary", Completion.RESOLUTION,
            "Resolution", Completion.TICKET_NUMBER, "Ticket number", Completion.COMPLETED_BY, "Completed by",
            "voicemail_status", "Message status");

    private final Pages pages;
    private final Formats formats;
    private final FollowUpPages followUps;

    CallLogPages(Pages pages) {
        this.pages = pages;
        this.formats = pages.formats();
        this.followUps = new FollowUpPages(pages);
    }

    void routes(Router router) {
        pages.get(router, "/calls", this::log);
        pages.get(router, "/calls.csv", this::csv);
        pages.get(router, "/calls/:reference", this::call);
        pages.post(router, "/calls/:reference/complete", this::complete);
        pages.post(router, "/calls/:reference/message-responded", this::messageResponded);
    }

    private void log(RoutingContext ctx) {
        Optional<CallFilter> filter = filter(ctx);
        if (filter.isEmpty()) {
            return;
        }
        Optional<CallCursor> cursor = CallCursor.parse(Pages.param(ctx, "older"), true)
                .or(() -> CallCursor.parse(Pages.param(ctx, "newer"), false));
        CallPage calls = pages.console().calls().search(filter.get(), cursor, PAGE_SIZE);
        Map<String, Object> model = new HashMap<>();
        model.put("calls", calls.calls().stream().map(this::row).toList());
        model.put("older", calls.hasOlder() && !calls.calls().isEmpty() ? calls.olderCursor().token() : "");
        model.put("newer", calls.hasNewer() && !calls.calls().isEmpty() ? calls.newerCursor().token() : "");
        model.put("query", query(ctx));
        model.put("filters", filterModel(ctx));
        model.put("lines", pages.console().ruleBook().lines().stream().map(l -> Map.of("id", l.id(), "name",
                l.name())).toList());
        model.put("triages", Arrays.stream(Triage.values()).map(t -> Map.of("code", t.name(), "label", Words.of(t)))
                .toList());
        model.put("outcomes", Arrays.stream(CallOutcome.values()).map(o -> Map.of("code", o.name(),
                "label", Words.of(o))).toList());
        model.put("nav", "calls");
        pages.render(ctx, "calls.ftlh", model);
    }

    private void csv(RoutingContext ctx) {
        Optional<CallFilter> filter = filter(ctx);
        if (filter.isEmpty()) {
            return;
        }
        Csv csv = new Csv().row(List.of("reference", "started", "ended", "line", "caller number", "caller name",
                "triage", "outcome", "escalation", "accepted by", "message", "completed", "completed by"));
        for (CallSummary c : pages.console().calls().all(filter.get(), MOST_CSV_ROWS)) {
            ZoneId zone = formats.zone(c.lineId());
            csv.row(Arrays.asList(c.reference(), formats.dateTime(c.startedAt(), zone),
                    formats.dateTime(c.endedAt(), zone), c.lineId(), c.callerNumber(), c.callerName(), c.triage(),
                    c.outcome(), c.escalationOutcome(), c.acceptedBy(), c.voicemailStatus(),
                    formats.dateTime(c.completedAt(), zone), c.completedBy()));
        }
        ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"calls.csv\"")
                .putHeader("Cache-Control", "no-store").end(csv.toString());
    }

    /** The filter asked for; empty (and a 400 naming the field already sent) when a value is not one we know. */
    private Optional<CallFilter> filter(RoutingContext ctx) {
        ZoneId zone = formats.defaultZone();
        try {
            Instant from = day(ctx, "from").map(d -> d.atStartOfDay(zone).toInstant()).orElse(null);
            Instant until = day(ctx, "until").map(d -> d.plusDays(1).atStartOfDay(zone).toInstant()).orElse(null);
            String triage = oneOf(ctx, "triage", TRIAGES);
            String outcome = oneOf(ctx, "outcome", OUTCOMES);
            String line = Pages.param(ctx, "line");
            return Optional.of(new CallFilter(from, until, line, triage, outcome,
                    "1".equals(Pages.param(ctx, "incomplete")),
                    "1".equals(Pages.param(ctx, "mine")) ? Pages.user(ctx).personId() : null));
        } catch (IllegalArgumentException e) {
            Pages.plain(ctx, 400, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> day(RoutingContext ctx, String field) {
        String text = Pages.param(ctx, field);
        try {
            return Optional.ofNullable(text).map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": dates are written YYYY-MM-DD.");
        }
    }

    /** An empty or missing value filters nothing; any other value must be one of {@code allowed}. */
    private static String oneOf(RoutingContext ctx, String field, List<String> allowed) {
        String value = Pages.param(ctx, field);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(field + ": no such value; it is one of " + String.join(", ", allowed)
                    + ".");
        }
        return value;
    }

    private static Map<String, String> filterModel(RoutingContext ctx) {
        Map<String, String> values = new HashMap<>();
        for (String name : List.of("from", "until", "line", "triage", "outcome", "incomplete", "mine")) {
            values.put(name, Optional.ofNullable(Pages.param(ctx, name)).orElse(""));
        }
        return values;
    }

    /** The filter's query string without the page, for paging and CSV links. */
    private static String query(RoutingContext ctx) {
        StringBuilder q = new StringBuilder();
        for (String name : List.of("from", "until", "line", "triage", "outcome", "incomplete", "mine")) {
            String value = Pages.param(ctx, name);
            if (value != null) {
                q.append(q.isEmpty() ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }

    private Map<String, Object> row(CallSummary c) {
        ZoneId zone = formats.zone(c.lineId());
        Map<String, Object> row = new HashMap<>();
        row.put("reference", c.reference());
        row.put("started", formats.dateTime(c.startedAt(), zone));
        row.put("line", lineName(c.lineId()));
        row.put("callerNumber", nz(c.callerNumber()));
        row.put("callerName", nz(c.callerName()));
        row.put("triage", Labels.triage(c.triage()));
        row.put("outcome", c.live() ? "In progress" : Labels.outcome(c.outcome()));
        row.put("acceptedBy", c.acceptedBy() == null ? "" : personName(c.acceptedBy()));
        row.put("message", Labels.message(c.voicemailStatus()));
        row.put("complete", c.complete());
        return row;
    }

    /** The call the path names; empty (and a 404 sent) when there is none. */
    private Optional<CallDetail> callOf(RoutingContext ctx) {
        String reference = ctx.pathParam("reference");
        Optional<CallDetail> found = REFERENCE.matcher(reference).matches()
                ? pages.console().calls().call(reference) : Optional.empty();
        if (found.isEmpty()) {
            Pages.plain(ctx, 404, "No call with that reference number.");
        }
        return found;
    }

    private void call(RoutingContext ctx) {
        Optional<CallDetail> found = callOf(ctx);
        if (found.isEmpty()) {
            return;
        }
        CallDetail call = found.get();
        CallSummary s = call.summary();
        ZoneId zone = formats.zone(s.lineId());
        Instant now = pages.console().clock().instant();
        Map<String, Object> model = new HashMap<>();
        model.put("nav", "calls");
        model.put("call", row(s));
        model.put("detail", Map.of("dialled", nz(call.dialledNumber()), "ended", formats.dateTime(s.endedAt(), zone),
                "businessHours", s.businessHours(), "finalStep", nz(call.finalStep()),
                "escalation", nz(s.escalationOutcome()), "acceptedAfter", Formats.millis(s.acceptedAfterMillis()),
                "talkTime", Formats.millis(call.talkTimeMillis()), "completedAt",
                formats.dateTime(s.completedAt(), zone), "zone", zone.getId()));
        model.put("events", call.events().stream().map(e -> event(e, zone)).toList());
        model.put("attempts", call.attempts().stream().map(a -> attempt(a, zone)).toList());
        model.put("timeline", Timeline.of(call, now, zone, formats));
        model.put("message", message(call));
        model.put("completion", completionModel(call.completion()));
        model.put("followUp", followUps.ofCall(s.reference(), zone));
        model.put("technicians", technicians());
        model.put("edits", call.edits().stream().map(e -> edit(e, zone)).toList());
        model.put("afterCall", pages.console().followUps().map(f -> f.history(new ReferenceNumber(s.reference())))
                .orElse(List.of()).stream().map(e -> Map.of("time", formats.dateTime(e.at(), zone),
                        "type", e.type().name(), "who", personName(e.recipient()), "channel", e.channel(),
                        "detail", e.detail())).toList());
        pages.render(ctx, "call.ftlh", model);
    }

    private static Map<String, Object> event(LoggedEvent e, ZoneId zone) {
        StringBuilder details = new StringBuilder();
        new java.util.TreeMap<>(e.attributes()).forEach((k, v) -> details.append(details.isEmpty() ? "" : ", ")
                .append(k).append('=').append(v));
        return Map.of("sequence", e.sequence(), "time", java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                .format(e.at().atZone(zone)), "type", e.type(), "details", details.toString());
    }

    private Map<String, Object> attempt(CallAttempt a, ZoneId zone) {
        Map<String, Object> m = new HashMap<>();
        m.put("person", a.personName() == null ? a.personId() : a.personName());
        m.put("contact", nz(a.contactLabel()));
        m.put("step", a.step() == null ? "" : a.round() + "." + a.step());
        m.put("target", nz(a.target()));
        m.put("started", formats.time(a.startedAt(), zone));
        m.put("answered", formats.time(a.answeredAt(), zone));
        m.put("ended", formats.time(a.endedAt(), zone));
        m.put("outcome", a.outcome() == null ? "ringing" : a.outcome());
        m.put("key", nz(a.keyPressed()));
        return m;
    }

    /** Where the message is, and whether this console can read it. */
    private Map<String, Object> message(CallDetail call) {
        Map<String, Object> m = new HashMap<>();
        m.put("present", call.voicemailPath() != null);
        m.put("status", Labels.message(call.summary().voicemailStatus()));
        m.put("urgent", call.voicemailUrgent());
        m.put("duration", Formats.millis(call.voicemailDurationMillis()));
        // Pending, acknowledged by phone or link, or past its hour: every one still owes the customer a call back.
        m.put("waiting", MessageStatus.parse(call.summary().voicemailStatus()).filter(MessageStatus::canBeResponded)
                .isPresent() && pages.console().followUps().isPresent());
        m.put("playable", false);
        m.put("src", "");
        m.put("path", "");
        m.put("problem", "");
        if (call.voicemailPath() == null) {
            return m;
        }
        String file = call.voicemailPath() + "." + nz(call.voicemailFormat());
        m.put("path", file);
        Path path = Path.of(file).toAbsolutePath().normalize();
        List<Path> folders = pages.settings().recordingDirectories().stream()
                .map(f -> f.toAbsolutePath().normalize()).toList();
        int index = 0;
        while (index < folders.size() && !path.startsWith(folders.get(index))) {
            index++;
        }
        if (index == folders.size()) {
            m.put("problem", "The message is not in a recordings folder (" + folders + ").");
            return m;
        }
        Path folder = folders.get(index);
        if (!Files.isReadable(path)) {
            m.put("problem", "This console cannot read the recordings folder " + folder + ": run the console on the"
                    + " Asterisk host or share that folder with it (flow.recording-directory).");
        } else {
            StringBuilder src = new StringBuilder("/recordings/" + index);
            for (Path part : folder.relativize(path)) {
                src.append('/').append(URLEncoder.encode(part.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
            }
            m.put("playable", true);
            m.put("src", src.toString());
        }
        return m;
    }

    private static Map<String, Object> completionModel(Completion c) {
        Map<String, Object> m = new HashMap<>();
        m.put("summary", nz(c.summary()));
        m.put("resolution", nz(c.resolution()));
        m.put("ticketNumber", nz(c.ticketNumber()));
        m.put("completedBy", c.completedBy() == null ? List.of() : List.of(c.completedBy().split(",")));
        m.put("missing", c.missing().stream().map(FIELD_NAMES::get).toList());
        return m;
    }

    /** People who may sign an entry: active people of the setup, the one who took the call first. */
    private List<Map<String, String>> technicians() {
        List<Map<String, String>> people = new ArrayList<>();
        for (Person p : pages.console().ruleBook().setup().people()) {
            if (p.active()) {
                people.add(Map.of("id", p.id(), "name", p.name()));
            }
        }
        return people;
    }

    private Map<String, Object> edit(EntryEdit e, ZoneId zone) {
        return Map.of("time", formats.dateTime(e.at(), zone), "by", e.by(), "field",
                FIELD_NAMES.getOrDefault(e.field(), e.field()), "old", nz(e.oldValue()), "new", nz(e.newValue()));
    }

    private void complete(RoutingContext ctx) {
        Optional<CallDetail> found = callOf(ctx);
        if (found.isEmpty()) {
            return;
        }
        String reference = found.get().summary().reference();
        List<String> signers = ctx.request().formAttributes().getAll("completed_by").stream()
                .filter(s -> !s.isBlank()).distinct().toList();
        List<String> unknown = signers.stream().filter(id -> pages.console().ruleBook().person(id).isEmpty()).toList();
        String back = "/calls/" + reference;
        if (!unknown.isEmpty()) {
            Pages.flashAndRedirect(ctx, "Not saved: Completed by names nobody in the on-call setup.", back);
            return;
        }
        List<String> unsigned = requiredSigners(found.get().summary()).entrySet().stream()
                .filter(e -> !signers.isEmpty() && !signers.contains(e.getKey())).map(Map.Entry::getValue).toList();
        if (!unsigned.isEmpty()) {
            Pages.flashAndRedirect(ctx, "Not saved: Completed by must include " + String.join(" and ", unsigned)
                    + ".", back);
            return;
        }
        Completion completion = new Completion(ctx.request().getFormAttribute("summary"),
                ctx.request().getFormAttribute("resolution"), ctx.request().getFormAttribute("ticket_number"),
                signers.isEmpty() ? null : String.join(",", signers));
        List<String> changed = pages.console().calls().complete(reference, completion, Pages.user(ctx).personId(),
                pages.console().clock().instant());
        List<String> missing = completion.missing().stream().map(FIELD_NAMES::get).toList();
        String saved = changed.isEmpty() ? "Nothing changed." : "Saved.";
        Pages.flashAndRedirect(ctx, missing.isEmpty() ? saved + " The entry is complete."
                : saved + " The entry is not complete: missing " + String.join(", ", missing) + ".", back);
    }

    /**
     * Who must sign an entry, as the procedure says: the technician on call when an after-hours call came in, and
     * whoever took it (the second-call technician when it was escalated to them). Person id to how they are named.
     */
    private Map<String, String> requiredSigners(CallSummary call) {
        Map<String, String> required = new java.util.LinkedHashMap<>();
        if (!call.businessHours() && call.lineId() != null) {
            pages.console().ruleBook().onCall(call.lineId(), org.afterhours.oncall.Position.PRIMARY, call.startedAt())
                    .ifPresent(p -> required.put(p.id(), p.name() + " (on call)"));
        }
        if (call.acceptedBy() != null && !required.containsKey(call.acceptedBy())) {
            required.put(call.acceptedBy(), pages.console().ruleBook().person(call.acceptedBy()).map(Person::name)
                    .orElse(call.acceptedBy()) + " (took the call)");
        }
        return required;
    }

    private void messageResponded(RoutingContext ctx) {
        String reference = ctx.pathParam("reference");
        if (!REFERENCE.matcher(reference).matches()) {
            Pages.plain(ctx, 404, "No call with that reference number.");
            return;
        }
        boolean marked = pages.console().followUps().map(f -> f.responded(new ReferenceNumber(reference),
                Pages.user(ctx).personId(), "console")).orElse(false);
        Pages.flashAndRedirect(ctx, marked ? "Message marked responded." : "That call has no message waiting.",
                "/calls/" + reference);
    }

    /** The line's name, or its id when the setup no longer has it. */
    private String lineName(String lineId) {
        return lineId == null ? "" : pages.console().ruleBook().lineById(lineId).map(Line::name).orElse(lineId);
    }

    /** A person's name when the id is one of ours; an address or an empty value as it is. */
    private String personName(String idOrAddress) {
        return pages.console().ruleBook().person(idOrAddress).map(Person::name).orElse(idOrAddress);
    }

    static String nz(String value) {
        return value == null ? "" : value;
    }
}
