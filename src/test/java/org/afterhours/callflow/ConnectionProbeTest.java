package org.afterhours.callflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.afterhours.agi.server.AgiScriptRouter;
import org.afterhours.agi.server.AgiServer;
import org.afterhours.agi.server.AgiServerSettings;
import org.afterhours.agi.server.SessionListener;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.ResAgiResponder;
import org.afterhours.simulator.SimulatedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The probe an administrator runs after installing: connection, keys, and whether Asterisk can record messages. */
@Tag("clock")
class ConnectionProbeTest {
    private static final String FOLDER = "/var/spool/asterisk/afterhours";
    private AgiServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = new AgiServer(AgiServerSettings.defaults().withPort(0), new AgiScriptRouter().register(
                ConnectionProbe.PATH, new ConnectionProbe(List.of(FOLDER), "wav")),
                SessionListener.NONE, Clock.systemUTC()).start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    private AsteriskSimulator.Result probe(ResAgiResponder asterisk) throws Exception {
        return new AsteriskSimulator("127.0.0.1", server.port(), Duration.ofSeconds(10))
                .play(SimulatedCall.to("probe"), asterisk, line -> { });
    }

    @Test
    void a_recording_folder_asterisk_can_write_into_is_reported_ok() throws Exception {
        AsteriskSimulator.Result call = probe(new ResAgiResponder("5", 0));

        assertTrue(call.commands().contains("RECORD FILE \"" + FOLDER + "/afterhours-probe\" \"wav\" \"\" 1000 0"),
                String.join("\n", call.commands()));
        assertEquals("OK", call.variables().get(ConnectionProbe.RECORDING_VARIABLE));
        assertEquals("5", call.variables().get(ConnectionProbe.KEY_VARIABLE));
        assertEquals("SUCCESS", call.variables().get("AFTERHOURS_STATUS"));
    }

    @Test
    void a_recording_folder_asterisk_cannot_write_into_is_the_probes_status() throws Exception {
        AsteriskSimulator.Result call = probe(new ResAgiResponder("5", 0).withWritableFolders(folder -> false));

        assertEquals("FAILED " + FOLDER, call.variables().get(ConnectionProbe.RECORDING_VARIABLE));
        assertEquals("RECORDING_FAILED", call.variables().get("AFTERHOURS_STATUS"));
    }
}
