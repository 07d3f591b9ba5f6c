package org.afterhours.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.afterhours.db.LeftoverServer.Verdict;
import org.junit.jupiter.api.Test;

/** Which process holding the embedded data folder is this server's own orphan (stopped) and which is foreign. */
class LeftoverServerTest {
    private static final Path BINARY = Path.of("/srv/afterhours/data/mariadb-server/bin/mariadbd");
    private static final Path DATA = Path.of("/srv/afterhours/data/mariadb");

    @Test
    void our_binary_on_our_data_folder_is_our_own_leftover() {
        assertEquals(Verdict.OURS, LeftoverServer.judge(BINARY.toString(),
                List.of("--no-defaults", "--console", "--datadir=" + DATA, "--port=41234"), BINARY, DATA));
    }

    @Test
    void the_system_mariadb_on_our_data_folder_is_foreign() {
        assertEquals(Verdict.FOREIGN, LeftoverServer.judge("/usr/sbin/mariadbd",
                List.of("--datadir=" + DATA), BINARY, DATA));
    }

    @Test
    void our_binary_on_another_data_folder_is_foreign() {
        assertEquals(Verdict.FOREIGN, LeftoverServer.judge(BINARY.toString(),
                List.of("--datadir=/srv/other/data/mariadb"), BINARY, DATA));
    }

    @Test
    void a_mariadbd_whose_arguments_cannot_be_read_is_foreign() {
        assertEquals(Verdict.FOREIGN, LeftoverServer.judge(BINARY.toString(), List.of(), BINARY, DATA));
    }

    @Test
    void a_program_that_is_not_a_database_server_reused_the_pid() {
        assertEquals(Verdict.NONE, LeftoverServer.judge("/usr/bin/sleep", List.of("600"), BINARY, DATA));
    }
}
