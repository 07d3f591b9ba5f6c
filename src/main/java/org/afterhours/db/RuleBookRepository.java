package org.afterhours.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.afterhours.oncall.Closure;
import org.afterhours.oncall.ContactPoint;
import org.afterhours.oncall.DaytimeRouting;
import org.afterhours.oncall.EscalationPolicy;
import org.afterhours.oncall.EscalationStep;
import org.afterhours.oncall.Helpdesk;
import org.afterhours.oncall.Holiday;
import org.afterhours.oncall.HolidayCalendar;
import org.afterhours.oncall.Line;
import org.afterhours.oncall.OnCallOverride;
import org.afterhours.oncall.OnCallSetup;
import org.afterhours.oncall.OpeningPeriod;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.PhoneNumbers;
import org.afterhours.oncall.Position;
import org.afterhours.oncall.Rotation;
import org.afterhours.oncall.RuleBookSource;
import org.afterhours.oncall.HolidayDate;
import org.afterhours.oncall.Observance;
import org.afterhours.oncall.SetupValidator;
import org.afterhours.oncall.StepTarget;
import org.afterhours.oncall.TemporarySchedule;

/**
 * Stores whole on-call setups (sql/V2__oncall.sql), one named setup at a time. A write validates the setup
 * first and then replaces every row of that setup in one transaction: an invalid setup writes nothing, and a
 * failure halfway leaves the previous setup exactly as it was. Each write bumps the setup's version, which
 * is what a running server polls.
 */
public final class RuleBookRepository {
    /** The setup the server uses unless configured otherwise. */
    public static final String DEFAULT_SETUP = "main";
    private static final Pattern SETUP_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    // Children go with their parents (ON DELETE CASCADE); parents are deleted after everything that names them.
    private static final List<String> DELETE_ORDER = List.of("oncall_line", "oncall_override",
            "oncall_temporary_schedule", "oncall_escalation_policy", "oncall_rotation", "oncall_holiday_calendar",
            "oncall_person");

    private final DataSource dataSource;

    public RuleBookRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** A source for {@link org.afterhours.oncall.RefreshingRuleBook} reading setup {@code name}. */
    public RuleBookSource source(String name) {
        checkName(name);
        return new RuleBookSource() {
            @Override
            public long version() {
                return RuleBookRepository.this.version(name);
            }

            @Override
            public VersionedSetup load() {
                return RuleBookRepository.this.load(name);
            }
        };
    }

    /** The setup's version: 0 when it was never written. */
    /**
     * Setup {@code name} as the console changes it: each change validated and written like an import, then
     * {@code afterChange} runs (the server reloads its rule book there).
     */
    public org.afterhours.oncall.SetupStore store(String name, Runnable afterChange) {
        checkName(name);
        return new org.afterhours.oncall.SetupStore() {
            @Override
            public OnCallSetup current() {
                return load(name).setup();
            }

            @Override
            public void replace(OnCallSetup changed) {
                RuleBookRepository.this.replace(name, changed);
                afterChange.run();
            }
        };
    }

    public long version(String name) {
        checkName(name);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT version FROM oncall_setup WHERE setup = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the version of on-call setup " + name, e);
        }
    }

    /**
     * Replaces setup {@code name} with {@code setup}, all or nothing, and returns its new version.
     *
     * @throws org.afterhours.oncall.SetupException before touching the database when the setup is invalid
     */
    public long replace(String name, OnCallSetup setup) {
        checkName(name);
        SetupValidator.requireValid(setup);
        return inTransaction("write", name, c -> {
            long version = lockAndBump(c, name);
            deleteRows(c, name);
            new SetupRows(c, name).insert(setup);
            return version;
        });
    }

    /**
     * Writes {@code setup} only if setup {@code name} has no lines yet (a first start); true when it did. Two
     * servers starting at once on an empty database import it once: the setup's row is locked meanwhile.
     */
    public boolean importIfEmpty(String name, OnCallSetup setup) {
        checkName(name);
        SetupValidator.requireValid(setup);
        return inTransaction("write", name, c -> {
            lockAndBump(c, name);
            if (count(c, "SELECT COUNT(*) FROM oncall_line WHERE setup = ?", name) > 0) {
                c.rollback(); // leaves the version as it was
                return false;
            }
            deleteRows(c, name);
            new SetupRows(c, name).insert(setup);
            return true;
        });
    }

    /** Deletes setup {@code name} entirely (its version row too). */
    public void delete(String name) {
        checkName(name);
        inTransaction("delete", name, c -> {
            deleteRows(c, name);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM oncall_setup WHERE setup = ?")) {
                s.setString(1, name);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Setup {@code name} with its version, read in one consistent snapshot; an empty setup when never written. */
    public RuleBookSource.VersionedSetup load(String name) {
        checkName(name);
        return inTransaction("load", name, c -> {
            // REPEATABLE READ: every SELECT below sees the database as of the first one.
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long version = count(c, "SELECT COALESCE(MAX(version), 0) FROM oncall_setup WHERE setup = ?", name);
            return new RuleBookSource.VersionedSetup(version, new SetupLoader(c, name).load());
        });
    }

    private <T> T inTransaction(String what, String name, Transactions.Work<T> work) {
        return Transactions.inTransaction(dataSource, what + " on-call setup " + name, work);
    }

    /** Creates or bumps the setup's version row; the row lock serializes writers of the same setup. */
    private static long lockAndBump(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO oncall_setup (setup, version, updated_at)"
                + " VALUES (?, 1, ?) ON DUPLICATE KEY UPDATE version = version + 1, updated_at = VALUES(updated_at)")) {
            s.setString(1, name);
            s.setObject(2, utc(Instant.now()));
            s.executeUpdate();
        }
        return count(c, "SELECT version FROM oncall_setup WHERE setup = ? FOR UPDATE", name);
    }

    private static void deleteRows(Connection c, String name) throws SQLException {
        for (String table : DELETE_ORDER) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE setup = ?")) {
                s.setString(1, name);
                s.executeUpdate();
            }
        }
    }

    private static long count(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void checkName(String name) {
        if (name == null || !SETUP_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a setup name is 1 to 64 letters, digits, '.', '_' or '-', not '" + name + "'");
        }
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    /** Inserts one setup's rows, parents before children. */
    private static final class SetupRows {
        private final Connection c;
        private final String setup;

        SetupRows(Connection c, String setup) {
            this.c = c;
            this.setup = setup;
        }

        void insert(OnCallSetup s) throws SQLException {
            Rows people = rows("oncall_person", "id, ord, name, email, zone, active");
            Rows roles = rows("oncall_person_role", "person_id, role");
            Rows contacts = rows("oncall_contact_point", "person_id, ord, label, dial_string");
            for (int i = 0; i < s.people().size(); i++) {
                Person p = s.people().get(i);
                people.add(p.id(), i, p.name(), p.email(), p.zone().getId(), p.active());
                for (String role : p.roles()) {
                    roles.add(p.id(), role);
                }
                for (int j = 0; j < p.contactPoints().size(); j++) {
                    contacts.add(p.id(), j, p.contactPoints().get(j).label(), p.contactPoints().get(j).dialString());
                }
            }
            Rows calendars = rows("oncall_holiday_calendar", "id, ord, name");
            Rows holidays = rows("oncall_holiday", "calendar_id, ord, name, date_rule, observance");
            for (int i = 0; i < s.holidayCalendars().size(); i++) {
                HolidayCalendar cal = s.holidayCalendars().get(i);
                calendars.add(cal.id(), i, cal.name());
                for (int j = 0; j < cal.holidays().size(); j++) {
                    Holiday h = cal.holidays().get(j);
                    holidays.add(cal.id(), j, h.name(), h.date().text(), h.observance().word());
                }
            }
            Rows rotations = rows("oncall_rotation",
                    "id, ord, name, zone, start_date, handoff_time, shift_days, secondary_offset");
            Rows members = rows("oncall_rotation_member", "rotation_id, ord, person_id");
            for (int i = 0; i < s.rotations().size(); i++) {
                Rotation r = s.rotations().get(i);
                rotations.add(r.id(), i, r.name(), r.zone().getId(), r.startDate(), r.handoffTime(), r.shiftDays(),
                        r.secondaryOffset());
                for (int j = 0; j < r.memberIds().size(); j++) {
                    members.add(r.id(), j, r.memberIds().get(j));
                }
            }
            Rows policies = rows("oncall_escalation_policy", "id, ord, name, repeat_count");
            Rows steps = rows("oncall_escalation_step",
                    "policy_id, ord, target_kind, target, position, ring_seconds, attempts");
            for (int i = 0; i < s.escalationPolicies().size(); i++) {
                EscalationPolicy p = s.escalationPolicies().get(i);
                policies.add(p.id(), i, p.name(), p.repeat());
                for (int j = 0; j < p.steps().size(); j++) {
                    EscalationStep step = p.steps().get(j);
                    Object[] target = switch (step.target()) {
                        case StepTarget.OnCall o -> new Object[] {"on-call", null, o.position().word()};
                        case StepTarget.RotationPosition r -> new Object[] {"rotation", r.rotationId(), r.position().word()};
                        case StepTarget.Role r -> new Object[] {"role", r.role(), null};
                        case StepTarget.NamedPerson n -> new Object[] {"person", n.personId(), null};
                    };
                    steps.add(p.id(), j, target[0], target[1], target[2], step.ringTimeout().toSeconds(), step.attempts());
                }
            }
            Rows lines = rows("oncall_line", "id, ord, name, zone, greeting, helpdesk_phone, helpdesk_email,"
                    + " helpdesk_portal, daytime_routing, holiday_calendar_id, rotation_id, escalation_policy_id");
            Rows numbers = rows("oncall_line_number", "line_id, ord, number, digits");
            Rows hours = rows("oncall_opening_period", "line_id, ord, day_of_week, opens, closes");
            Rows closures = rows("oncall_closure", "line_id, ord, reason, starts_local, ends_local");
            for (int i = 0; i < s.lines().size(); i++) {
                Line l = s.lines().get(i);
                lines.add(l.id(), i, l.name(), l.zone().getId(), l.greeting(), l.helpdesk().phone(),
                        l.helpdesk().email(), l.helpdesk().portal(), l.daytimeRouting().name(), l.holidayCalendarId(),
                        l.rotationId(), l.escalationPolicyId());
                for (int j = 0; j < l.dialledNumbers().size(); j++) {
                    String number = l.dialledNumbers().get(j);
                    numbers.add(l.id(), j, number, PhoneNumbers.digits(number));
                }
                for (int j = 0; j < l.weeklyHours().size(); j++) {
                    OpeningPeriod p = l.weeklyHours().get(j);
                    hours.add(l.id(), j, p.day().getValue(), p.opens(), p.closes());
                }
                for (int j = 0; j < l.closures().size(); j++) {
                    Closure cl = l.closures().get(j);
                    closures.add(l.id(), j, cl.reason(), cl.from(), cl.until());
                }
            }
            Rows overrides = rows("oncall_override", "id, ord, rotation_id, position, person_id, replaces_person_id,"
                    + " starts_at, ends_at, created_at, note");
            for (int i = 0; i < s.overrides().size(); i++) {
                OnCallOverride o = s.overrides().get(i);
                overrides.add(o.id(), i, o.rotationId(), o.position().word(), o.personId(), o.replacesPersonId(),
                        utc(o.from()), utc(o.until()), utc(o.created()), o.note());
            }
            Rows schedules = rows("oncall_temporary_schedule", "id, ord, rotation_id, starts_at, ends_at");
            Rows shifts = rows("oncall_temporary_shift", "schedule_id, ord, position, person_id, starts_at, ends_at");
            for (int i = 0; i < s.temporarySchedules().size(); i++) {
                TemporarySchedule t = s.temporarySchedules().get(i);
                schedules.add(t.id(), i, t.rotationId(), utc(t.from()), utc(t.until()));
                for (int j = 0; j < t.shifts().size(); j++) {
                    TemporarySchedule.Shift sh = t.shifts().get(j);
                    shifts.add(t.id(), j, sh.position().word(), sh.personId(), utc(sh.from()), utc(sh.until()));
                }
            }
            // Parents first: the foreign keys check every row as it lands.
            for (Rows table : List.of(people, roles, contacts, calendars, holidays, rotations, members, policies,
                    steps, lines, numbers, hours, closures, overrides, schedules, shifts)) {
                table.write();
            }
        }

        private Rows rows(String table, String columns) {
            return new Rows(c, setup, table, columns);
        }
    }

    /** The rows for one table, written as one JDBC batch. */
    private static final class Rows {
        private final Connection c;
        private final String setup;
        private final String sql;
        private final List<Object[]> rows = new ArrayList<>();

        Rows(Connection c, String setup, String table, String columns) {
            this.c = c;
            this.setup = setup;
            int count = columns.split(",").length + 1;
            this.sql = "INSERT INTO " + table + " (setup, " + columns + ") VALUES (?"
                    + ", ?".repeat(count - 1) + ")";
        }

        void add(Object... values) {
            rows.add(values);
        }

        void write() throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    s.setString(1, setup);
                    for (int i = 0; i < row.length; i++) {
                        if (row[i] == null) {
                            s.setNull(i + 2, Types.VARCHAR);
                        } else {
                            s.setObject(i + 2, row[i]);
                        }
                    }
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    /** Reads one setup's rows back into the domain, in the order they were written. */
    private static final class SetupLoader {
        private final Connection c;
        private final String setup;

        SetupLoader(Connection c, String setup) {
            this.c = c;
            this.setup = setup;
        }

        OnCallSetup load() throws SQLException {
            Map<String, Set<String>> roles = new LinkedHashMap<>();
            query("SELECT person_id, role FROM oncall_person_role WHERE setup = ? ORDER BY person_id, role",
                    rs -> roles.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2)));
            Map<String, List<ContactPoint>> contacts = new LinkedHashMap<>();
            query("SELECT person_id, label, dial_string FROM oncall_contact_point WHERE setup = ? ORDER BY person_id, ord",
                    rs -> children(contacts, rs).add(new ContactPoint(rs.getString(2), rs.getString(3))));
            List<Person> people = new ArrayList<>();
            query("SELECT id, name, email, zone, active FROM oncall_person WHERE setup = ? ORDER BY ord",
                    rs -> people.add(new Person(rs.getString("id"), rs.getString("name"),
                            roles.getOrDefault(rs.getString("id"), Set.of()),
                            contacts.getOrDefault(rs.getString("id"), List.of()), rs.getString("email"),
                            ZoneId.of(rs.getString("zone")), rs.getBoolean("active"))));

            Map<String, List<Holiday>> holidays = new LinkedHashMap<>();
            query("SELECT calendar_id, name, date_rule, observance FROM oncall_holiday WHERE setup = ?"
                    + " ORDER BY calendar_id, ord", rs -> children(holidays, rs).add(new Holiday(rs.getString(2),
                            HolidayDate.parse(rs.getString(3)), Observance.fromWord(rs.getString(4)))));
            List<HolidayCalendar> calendars = new ArrayList<>();
            query("SELECT id, name FROM oncall_holiday_calendar WHERE setup = ? ORDER BY ord",
                    rs -> calendars.add(new HolidayCalendar(rs.getString(1), rs.getString(2),
                            holidays.getOrDefault(rs.getString(1), List.of()))));

            Map<String, List<String>> members = new LinkedHashMap<>();
            query("SELECT rotation_id, person_id FROM oncall_rotation_member WHERE setup = ? ORDER BY rotation_id, ord",
                    rs -> children(members, rs).add(rs.getString(2)));
            List<Rotation> rotations = new ArrayList<>();
            query("SELECT id, name, zone, start_date, handoff_time, shift_days, secondary_offset FROM oncall_rotation"
                    + " WHERE setup = ? ORDER BY ord", rs -> rotations.add(new Rotation(rs.getString("id"),
                            rs.getString("name"), ZoneId.of(rs.getString("zone")),
                            rs.getObject("start_date", LocalDate.class), rs.getObject("handoff_time", LocalTime.class),
                            rs.getInt("shift_days"), members.getOrDefault(rs.getString("id"), List.of()),
                            rs.getInt("secondary_offset"))));

            Map<String, List<EscalationStep>> steps = new LinkedHashMap<>();
            query("SELECT policy_id, target_kind, target, position, ring_seconds, attempts FROM oncall_escalation_step"
                    + " WHERE setup = ? ORDER BY policy_id, ord", rs -> children(steps, rs).add(new EscalationStep(
                            target(rs.getString(2), rs.getString(3), rs.getString(4)),
                            Duration.ofSeconds(rs.getInt(5)), rs.getInt(6))));
            List<EscalationPolicy> policies = new ArrayList<>();
            query("SELECT id, name, repeat_count FROM oncall_escalation_policy WHERE setup = ? ORDER BY ord",
                    rs -> policies.add(new EscalationPolicy(rs.getString(1), rs.getString(2),
                            steps.getOrDefault(rs.getString(1), List.of()), rs.getInt(3))));

            List<Line> lines = lines();
            List<OnCallOverride> overrides = new ArrayList<>();
            query("SELECT id, rotation_id, position, person_id, replaces_person_id, starts_at, ends_at, created_at,"
                    + " note FROM oncall_override WHERE setup = ? ORDER BY ord", rs -> overrides.add(new OnCallOverride(
                            rs.getString("id"), rs.getString("rotation_id"), position(rs.getString("position")),
                            rs.getString("person_id"), rs.getString("replaces_person_id"), instant(rs, "starts_at"),
                            instant(rs, "ends_at"), instant(rs, "created_at"), rs.getString("note"))));
            Map<String, List<TemporarySchedule.Shift>> shifts = new LinkedHashMap<>();
            query("SELECT schedule_id, position, person_id, starts_at, ends_at FROM oncall_temporary_shift"
                    + " WHERE setup = ? ORDER BY schedule_id, ord", rs -> children(shifts, rs).add(
                            new TemporarySchedule.Shift(position(rs.getString(2)), rs.getString(3),
                                    instant(rs, "starts_at"), instant(rs, "ends_at"))));
            List<TemporarySchedule> schedules = new ArrayList<>();
            query("SELECT id, rotation_id, starts_at, ends_at FROM oncall_temporary_schedule WHERE setup = ? ORDER BY ord",
                    rs -> schedules.add(new TemporarySchedule(rs.getString(1), rs.getString(2), instant(rs, "starts_at"),
                            instant(rs, "ends_at"), shifts.getOrDefault(rs.getString(1), List.of()))));
            return new OnCallSetup(people, calendars, rotations, policies, lines, overrides, schedules);
        }

        private List<Line> lines() throws SQLException {
            Map<String, List<String>> numbers = new LinkedHashMap<>();
            query("SELECT line_id, number FROM oncall_line_number WHERE setup = ? ORDER BY line_id, ord",
                    rs -> children(numbers, rs).add(rs.getString(2)));
            Map<String, List<OpeningPeriod>> hours = new LinkedHashMap<>();
            query("SELECT line_id, day_of_week, opens, closes FROM oncall_opening_period WHERE setup = ?"
                    + " ORDER BY line_id, ord", rs -> children(hours, rs).add(new OpeningPeriod(
                            DayOfWeek.of(rs.getInt(2)), rs.getObject(3, LocalTime.class), rs.getObject(4, LocalTime.class))));
            Map<String, List<Closure>> closures = new LinkedHashMap<>();
            query("SELECT line_id, reason, starts_local, ends_local FROM oncall_closure WHERE setup = ?"
                    + " ORDER BY line_id, ord", rs -> children(closures, rs).add(new Closure(rs.getString(2),
                            rs.getObject(3, LocalDateTime.class), rs.getObject(4, LocalDateTime.class))));
            List<Line> lines = new ArrayList<>();
            query("SELECT * FROM oncall_line WHERE setup = ? ORDER BY ord", rs -> {
                String id = rs.getString("id");
                lines.add(new Line(id, rs.getString("name"), numbers.getOrDefault(id, List.of()),
                        ZoneId.of(rs.getString("zone")), new Helpdesk(rs.getString("helpdesk_phone"),
                                rs.getString("helpdesk_email"), rs.getString("helpdesk_portal")),
                        hours.getOrDefault(id, List.of()), DaytimeRouting.valueOf(rs.getString("daytime_routing")),
                        rs.getString("escalation_policy_id"), rs.getString("rotation_id"),
                        rs.getString("holiday_calendar_id"), closures.getOrDefault(id, List.of()),
                        rs.getString("greeting")));
            });
            return lines;
        }

        private static StepTarget target(String kind, String target, String position) {
            return switch (kind) {
                case "on-call" -> new StepTarget.OnCall(position(position));
                case "rotation" -> new StepTarget.RotationPosition(target, position(position));
                case "role" -> new StepTarget.Role(target);
                case "person" -> new StepTarget.NamedPerson(target);
                default -> throw new IllegalStateException("unknown escalation step target kind '" + kind + "'");
            };
        }

        private static Position position(String word) {
            return Position.valueOf(word.toUpperCase(Locale.ROOT));
        }

        private static <T> List<T> children(Map<String, List<T>> byParent, ResultSet rs) throws SQLException {
            return byParent.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
        }

        private interface RowReader {
            void read(ResultSet rs) throws SQLException;
        }

        private void query(String sql, RowReader reader) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, setup);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }
}
