package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The jar the README tells people to run: it starts, says where to go, keeps the tutorial contract, stops cleanly. */
class PackagedJarIT {

    private GatewayProcess gateway;

    @BeforeEach
    void startJar() throws Exception {
        gateway = GatewayProcess.start(Map.of());
    }

    @AfterEach
    void stopJar() throws Exception {
        gateway.close();
    }

    @Test
    void startsWithOneLineSayingWhereToGoAndWhatItUses() {
        String line = gateway.output().stream().filter(l -> l.contains("Parley chat is running")).findFirst().orElseThrow();
        assertThat(line).contains("http://127.0.0.1:" + gateway.port() + "/").contains("in-memory").contains("store:");
    }

    @Test
    void keepsTheTutorialContract() {
        TutorialContract.check(gateway.port(), "jar-tutorial");
    }

    @Test
    void stopsCleanlyOnSigtermClosingConnectionsWith1012() throws Exception {
        WebSocketTestClient client = WebSocketTestClient.connect(
                URI.create("ws://127.0.0.1:" + gateway.port() + "/ws/chat/jar-stop/"));

        gateway.terminate();

        assertThat(client.receiveClose().code()).as("service restart: reconnect elsewhere").isEqualTo(1012);
        assertThat(gateway.waitForExit(15)).as("exited within 15 s").isTrue();
        gateway.awaitOutput("Stopped");
    }
}
