package org.afterhours.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What Galera asks of the schema, checked on a real three-member cluster: the migrations run, every table has a
 * primary key (Galera replicates rows by key; a table without one is replicated badly or not at all), and
 * reference blocks taken through different members never collide although Galera spaces AUTO_INCREMENT ids.
 */
@Tag("clock")
@Tag("galera")
class GaleraSchemaTest {
    private static final String DATABASE = "afterhours_schema";
    private static GaleraCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = GaleraCluster.start(TestDatabases.targetDir("galera-schema"), 3);
        cluster.createDatabase(DATABASE);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void the_three_members_form_one_cluster_that_spaces_auto_increment_ids() throws SQLException {
        for (GaleraCluster.Member member : cluster.members()) {
            try (Connection c = member.connect(); Statement s = c.createStatement()) {
                assertEquals("3", status(s, "SHOW STATUS LIKE 'wsrep_cluster_size'"));
                assertEquals("3", status(s, "SHOW VARIABLES LIKE 'auto_increment_increment'"));
            }
        }
    }

    @Test
    void three_nodes_starting_one_right_after_another_through_different_members_migrate_the_schema_once()
            throws SQLException {
        String fresh = "afterhours_migrate_" + System.nanoTime();
        cluster.createDatabase(fresh);
        List<Database> databases = new ArrayList<>();
        try {
            for (GaleraCluster.Member member : cluster.members()) {
                databases.add(Database.start(DatabaseSettings.external(cluster.sequentialUrl(member, fresh),
                        "root", "")));
            }
            try (Connection c = databases.get(2).dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version), SUM(success = 0)"
                         + " FROM flyway_schema_history WHERE version IS NOT NULL")) {
                r.next();
                assertEquals(r.getInt(2), r.getInt(1), "each migration ran once");
                assertEquals(0, r.getInt(3), "none failed");
                assertTrue(r.getInt(1) >= 4, "the schema's migrations ran");
            }
        } finally {
            databases.forEach(Database::close);
        }
    }

    @Test
    void after_migration_every_table_has_a_primary_key() throws SQLException {
        try (Database database = Database.start(DatabaseSettings.external(
                cluster.sequentialUrl(cluster.member(2), DATABASE), "root", ""));
             Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT t.table_name FROM information_schema.tables t"
                     + " WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' AND NOT EXISTS ("
                     + "  SELECT 1 FROM information_schema.table_constraints k WHERE k.table_schema = t.table_schema"
                     + "  AND k.table_name = t.table_name AND k.constraint_type = 'PRIMARY KEY')")) {
            List<String> withoutKey = new ArrayList<>();
            while (r.next()) {
                withoutKey.add(r.getString(1));
            }
            assertEquals(List.of(), withoutKey);
        }
    }

    @Test
    void reference_blocks_taken_through_three_members_never_collide() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-18T03:30:00Z"), ZoneOffset.UTC);
        List<Database> databases = new ArrayList<>();
        try {
            List<JdbcReferenceBlockSource> sources = new ArrayList<>();
            for (GaleraCluster.Member member : cluster.members()) {
                Database database = Database.start(DatabaseSettings.external(
                        cluster.sequentialUrl(member, DATABASE), "root", ""));
                databases.add(database);
                sources.add(new JdbcReferenceBlockSource(database.dataSource(), "member" + member.number(), clock));
            }
            Set<Long> blocks = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                long block = sources.get(i % 3).allocateBlock();
                assertTrue(blocks.add(block), "block " + block + " handed out twice");
            }
            assertEquals(60, blocks.size());
        } finally {
            databases.forEach(Database::close);
        }
    }

    private static String status(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(2);
        }
    }
}
