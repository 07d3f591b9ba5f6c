package org.afterhours.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.afterhours.oncall.Fixtures;
import org.afterhours.oncall.OnCallSetup;
import org.afterhours.oncall.Person;
import org.afterhours.oncall.Position;
import org.afterhours.oncall.RefreshingRuleBook;
import org.afterhours.oncall.Rotation;
import org.afterhours.oncall.SetupException;
import org.afterhours.oncall.TemporarySchedule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each test writes setups under names of its own and deletes them: the database may be shared. */
@Tag("clock")
class RuleBookRepositoryTest {
    private DataSource dataSource;
    private RuleBookRepository repository;
    private final List<String> setups = new ArrayList<>();

    @BeforeEach
    void connect() {
        dataSource = TestDatabases.shared().dataSource();
        repository = new RuleBookRepository(dataSource);
    }

    @AfterEach
    void deleteOwnSetups() {
        setups.forEach(repository::delete);
    }

    @Test
    void aWholeSetupReadsBackEqualWithAVersionThatGoesUp() {
        String name = newSetup();
        OnCallSetup everything = Fixtures.everything();

        assertEquals(0, repository.version(name), "never written");
        assertEquals(1, repository.replace(name, everything));
        assertEquals(new org.afterhours.oncall.RuleBookSource.VersionedSetup(1, everything), repository.load(name));

        OnCallSetup smaller = Fixtures.procedure().build();
        assertEquals(2, repository.replace(name, smaller));
        assertEquals(smaller, repository.load(name).setup());
        assertEquals(2, repository.version(name));
    }

    @Test
    void anInvalidSetupWritesNothingAndNamesTheField() {
        String name = newSetup();
        OnCallSetup good = Fixtures.procedure().build();
        repository.replace(name, good);
        OnCallSetup bad = Fixtures.procedure().rotation(Fixtures.weekly("nights", "carol", "bob_")).build();

        SetupException refused = assertThrows(SetupException.class, () -> repository.replace(name, bad));

        assertEquals("rotations[1].members[1]: unknown person 'bob_'", refused.problems().getFirst().toString());
        assertEquals(good, repository.load(name).setup());
        assertEquals(1, repository.version(name));
    }

    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousSetupAsItWas() {
        String name = newSetup();
        OnCallSetup before = Fixtures.procedure().build();
        repository.replace(name, before);
        // The database refuses the overrides, the second-to-last table written: everything before must roll back.
        RuleBookRepository failing = new RuleBookRepository(refusing(dataSource, "INSERT INTO oncall_override"));

        assertThrows(DatabaseException.class, () -> failing.replace(name, Fixtures.everything()));

        assertEquals(before, repository.load(name).setup());
        assertEquals(1, repository.version(name));
    }

    @Test
    void aFirstStartImportsOnlyIntoAnEmptySetup() {
        String name = newSetup();
        OnCallSetup first = Fixtures.procedure().build();

        assertTrue(repository.importIfEmpty(name, first));
        assertFalse(repository.importIfEmpty(name, Fixtures.everything()));

        assertEquals(first, repository.load(name).setup());
        assertEquals(1, repository.version(name));
    }

    @Test
    void setupsWithDifferentNamesDoNotTouchEachOther() {
        String a = newSetup();
        String b = newSetup();
        repository.replace(a, Fixtures.procedure().build());
        repository.replace(b, Fixtures.everything());

        repository.delete(a);

        assertEquals(OnCallSetup.empty(), repository.load(a).setup());
        assertEquals(Fixtures.everything(), repository.load(b).setup());
    }

    @Test
    void theServersRuleBookFollowsTheDatabaseAndKeepsTheLastGoodOneWhenItIsDown() {
        String name = newSetup();
        repository.replace(name, Fixtures.procedure().build());
        Instant mondayNight = Instant.parse("2026-11-24T03:00:00Z"); // bob's week
        boolean[] down = {false};
        DataSource flaky = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (down[0] && method.getName().equals("getConnection")) {
                        throw new SQLException("Connection refused (test: database down)");
                    }
                    return invoke(method, dataSource, args);
                });
        try (RefreshingRuleBook book = new RefreshingRuleBook(new RuleBookRepository(flaky).source(name))) {
            assertTrue(book.refresh());
            assertEquals("bob", book.onCall("main", Position.PRIMARY, mondayNight).orElseThrow().id());

            // a change lands: alice is made to cover the whole week
            OnCallSetup changed = Fixtures.procedure()
                    .override(Fixtures.override("cover", Position.PRIMARY, "alice", null,
                            "2026-11-23T14:00:00Z", "2026-11-30T14:00:00Z", "2026-11-22T00:00:00Z")).build();
            repository.replace(name, changed);
            assertTrue(book.refresh());
            assertEquals(2, book.loadedVersion());
            assertEquals("alice", book.onCall("main", Position.PRIMARY, mondayNight).orElseThrow().id());

            // the database goes down: answers go on from the last good snapshot
            down[0] = true;
            assertFalse(book.refresh());
            assertEquals("alice", book.onCall("main", Position.PRIMARY, mondayNight).orElseThrow().id());
            assertTrue(book.lineForDialledNumber("+1 (913) 201-6503").isPresent());

            // and it comes back
            down[0] = false;
            repository.replace(name, Fixtures.procedure().build());
            assertTrue(book.refresh());
            assertEquals("bob", book.onCall("main", Position.PRIMARY, mondayNight).orElseThrow().id());
        }
    }

    @Test
    void namesOfPeopleAndRotationsAreCaseSensitiveIdsAndTextKeepsItsQuotes() {
        String name = newSetup();
        OnCallSetup everything = Fixtures.everything();
        repository.replace(name, everything);

        Person lena = repository.load(name).setup().people().stream().filter(p -> p.id().equals("lena")).findFirst()
                .orElseThrow();
        Rotation daily = repository.load(name).setup().rotations().get(1);
        TemporarySchedule xmas = repository.load(name).setup().temporarySchedules().getFirst();

        assertEquals("Lena O'Neil \"LJ\"", lena.name());
        assertEquals(3, daily.shiftDays());
        assertEquals(2, xmas.shifts().size());
    }

    private String newSetup() {
        String name = "test-" + UUID.randomUUID().toString().substring(0, 18);
        setups.add(name);
        return name;
    }

    /** A data source whose connections refuse to prepare statements starting with {@code sqlPrefix}. */
    private static DataSource refusing(DataSource real, String sqlPrefix) {
        return (DataSource) Proxy.newProxyInstance(RuleBookRepositoryTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(RuleBookRepositoryTest.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("prepareStatement") && ((String) a[0]).startsWith(sqlPrefix)) {
                                    throw new SQLException("refused by the test: " + sqlPrefix);
                                }
                                return invoke(m, connection, a);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
