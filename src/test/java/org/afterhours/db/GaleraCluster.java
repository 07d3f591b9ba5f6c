package org.afterhours.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A three-member MariaDB Galera cluster on loopback ports for tests: one {@code mariadbd} process per member, each
 * with its own data folder under {@code baseDir}, started one after the other (the first bootstraps the cluster,
 * the others join it by an rsync state transfer). The processes are this JVM's children: {@link Member#killHard()}
 * sends SIGKILL to exactly one of them, {@link #close()} stops the rest.
 *
 * <p>Needs Debian's {@code galera-4} (the provider library) and {@code rsync}; {@code .ci/galera} installs them.
 * Run as root, the members run as the {@code mysql} user, because the rsync daemon of a state transfer started by
 * root switches to "nobody" and cannot write a root-owned data folder.
 */
public final class GaleraCluster implements AutoCloseable {
    public static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    private static final String HOST = "127.0.0.1";
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(120);

    private final List<Member> members;

    private GaleraCluster(List<Member> members) {
        this.members = members;
    }

    /** Starts {@code size} members on free loopback ports, each synced before the next one starts. */
    public static GaleraCluster start(Path baseDir, int size) throws IOException, InterruptedException {
        if (!Files.exists(PROVIDER)) {
            throw new IllegalStateException(PROVIDER + " is missing: install Debian's galera-4 (.ci/galera does)");
        }
        deleteTree(baseDir);
        Files.createDirectories(baseDir);
        boolean root = "root".equals(System.getProperty("user.name"));
        Path template = baseDir.resolve("template");
        run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + template, "--skip-test-db",
                "--auth-root-authentication-method=normal", "--user=" + (root ? "mysql" : System.getProperty("user.name"))),
                baseDir.resolve("install.log"));
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            members.add(new Member(i, baseDir.resolve("member" + i), freePort(), freePort(), freePort(), freePort()));
        }
        String clusterAddress = "gcomm://" + members.stream().map(m -> HOST + ":" + m.groupPort)
                .collect(Collectors.joining(","));
        GaleraCluster cluster = new GaleraCluster(members);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "galera-cluster-stop"));
        try {
            for (Member member : members) {
                run(List.of("cp", "-a", template.toString(), member.dataDir.toString()), baseDir.resolve("copy.log"));
                if (root) {
                    run(List.of("chown", "-R", "mysql:mysql", baseDir.toString()), baseDir.resolve("chown.log"));
                }
                member.start(clusterAddress, member == members.get(0), root);
                member.awaitSynced(JOIN_TIMEOUT);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public Member member(int number) {
        return members.get(number - 1);
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    /**
     * A URL for the MariaDB driver's sequential mode: {@code first} and then every other member, so a client uses
     * {@code first} and moves on to the next when it is gone.
     */
    public String sequentialUrl(Member first, String database) {
        Stream<Member> others = members.stream().filter(m -> m != first);
        return "jdbc:mariadb:sequential://" + Stream.concat(Stream.of(first), others)
                .map(m -> HOST + ":" + m.port).collect(Collectors.joining(",")) + "/" + database;
    }

    /** Creates {@code database} (a plain identifier) through the first live member; Galera replicates the DDL. */
    public void createDatabase(String database) throws SQLException {
        if (!database.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        Member live = members.stream().filter(Member::isAlive).findFirst().orElseThrow();
        try (Connection c = live.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + database);
        }
    }

    /** Stops every member still running (SIGTERM, then SIGKILL after 30 s). A second call does nothing. */
    @Override
    public synchronized void close() {
        for (Member member : members) {
            member.stop();
        }
    }

    /** One {@code mariadbd} of the cluster. */
    public static final class Member {
        private final int number;
        private final Path dataDir;
        private final int port;
        private final int groupPort;
        private final int incrementalTransferPort;
        private final int stateTransferPort;
        private Process process;

        private Member(int number, Path dataDir, int port, int groupPort, int incrementalTransferPort,
                int stateTransferPort) {
            this.number = number;
            this.dataDir = dataDir;
            this.port = port;
            this.groupPort = groupPort;
            this.incrementalTransferPort = incrementalTransferPort;
            this.stateTransferPort = stateTransferPort;
        }

        private void start(String clusterAddress, boolean bootstrap, boolean root) throws IOException {
            Path home = dataDir.getParent();
            List<String> command = new ArrayList<>(List.of(MARIADBD.toString(), "--no-defaults",
                    "--datadir=" + dataDir, "--socket=" + home.resolve("member" + number + ".sock"),
                    "--pid-file=" + home.resolve("member" + number + ".pid"),
                    "--log-error=" + home.resolve("member" + number + ".err"),
                    "--bind-address=" + HOST, "--port=" + port,
                    "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M",
                    // A test cluster: durability comes from the other members, not from fsync on every commit.
                    "--innodb-flush-log-at-trx-commit=2",
                    // What Galera requires of every member.
                    "--binlog-format=ROW", "--default-storage-engine=InnoDB", "--innodb-autoinc-lock-mode=2",
                    "--wsrep-on=ON", "--wsrep-provider=" + PROVIDER, "--wsrep-cluster-name=afterhours-test",
                    "--wsrep-node-name=member" + number, "--wsrep-cluster-address=" + clusterAddress,
                    "--wsrep-node-address=" + HOST + ":" + groupPort,
                    "--wsrep-provider-options=gmcast.listen_addr=tcp://" + HOST + ":" + groupPort
                            + ";ist.recv_addr=" + HOST + ":" + incrementalTransferPort + ";gcache.size=64M",
                    "--wsrep-sst-method=rsync", "--wsrep-sst-receive-address=" + HOST + ":" + stateTransferPort));
            if (root) {
                command.add("--user=mysql");
            }
            if (bootstrap) {
                command.add("--wsrep-new-cluster");
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("member" + number + ".out").toFile()).start();
        }

        /** Waits until this member has joined and caught up (wsrep_local_state_comment = Synced). */
        private void awaitSynced(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            SQLException last = null;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("member " + number + " exited with " + process.exitValue()
                            + "; see " + dataDir.getParent().resolve("member" + number + ".err"));
                }
                try (Connection c = connect(); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SHOW STATUS LIKE 'wsrep_local_state_comment'")) {
                    if (r.next() && "Synced".equals(r.getString(2))) {
                        return;
                    }
                } catch (SQLException e) {
                    last = e; // not listening yet, or still receiving its state
                }
                TimeUnit.MILLISECONDS.sleep(250); // polling a process we do not control; not a test's timing
            }
            throw new IllegalStateException("member " + number + " not synced within " + timeout, last);
        }

        /** A plain connection to this member alone. */
        public Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + port + "/?connectTimeout=2000",
                    "root", "");
        }

        public int number() {
            return number;
        }

        public int port() {
            return port;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process != null && process.isAlive();
        }

        /** SIGKILL to this member's own process (by its pid), as a crash or a power cut would end it. */
        public void killHard() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        private void stop() {
            if (!isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
