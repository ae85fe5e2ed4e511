package dev.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.loadtest.Scenario.Protocol;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionParserTest {

    private static Options run(String... args) {
        return ((Command.Run) OptionParser.parse(List.of(args))).options();
    }

    @Test
    void aScenarioFillsItsDefaultsAndOptionsOverrideThem() {
        Options chat = run("--scenario", "chat");
        assertThat(chat.roomSize()).isEqualTo(Scenario.CHAT.roomSize);
        assertThat(chat.rate()).isEqualTo(Scenario.CHAT.rate);
        assertThat(chat.protocol()).isEqualTo(Protocol.TUTORIAL);

        Options custom = run("--scenario=chat", "--users", "300", "--room-size", "100", "--rate", "0.5",
                "--duration", "1m", "--protocol", "rich");
        assertThat(custom.users()).isEqualTo(300);
        assertThat(custom.rooms()).isEqualTo(3);
        assertThat(custom.duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(custom.protocol()).isEqualTo(Protocol.RICH);
    }

    @Test
    void urlsRepeatOrComeAsAList() {
        Options options = run("--url", "ws://127.0.0.1:8081,ws://127.0.0.1:8082", "--url", "ws://127.0.0.1:8083");
        assertThat(options.urls()).containsExactly(URI.create("ws://127.0.0.1:8081"),
                URI.create("ws://127.0.0.1:8082"), URI.create("ws://127.0.0.1:8083"));
    }

    @Test
    void durationsTakeUnits() {
        assertThat(OptionParser.parseDuration("d", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(OptionParser.parseDuration("d", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(OptionParser.parseDuration("d", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(OptionParser.parseDuration("d", "7")).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void sourceAddressesTakeARangeAListOrACount() {
        assertThat(run("--source-addresses", "127.0.0.1-127.0.0.4").sourceAddresses().addresses())
                .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4");
        assertThat(run("--source-addresses", "3").sourceAddresses().addresses())
                .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        assertThat(run("--source-addresses", "127.0.0.9,127.0.1.1").sourceAddresses().clientCount()).isEqualTo(2);
    }

    @Test
    void mistakesNameTheOption() {
        assertThatThrownBy(() -> run("--users", "many")).isInstanceOf(BadOption.class).hasMessageContaining("--users");
        assertThatThrownBy(() -> run("--speed", "3")).hasMessageContaining("unknown option --speed");
        assertThatThrownBy(() -> run("--scenario", "storm")).hasMessageContaining("unknown scenario 'storm'");
        assertThatThrownBy(() -> run("--url", "http://x:1")).hasMessageContaining("--url");
        assertThatThrownBy(() -> run("--duration", "soon")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> run("--scenario", "reconnect", "--protocol", "tutorial"))
                .hasMessageContaining("--protocol rich");
        assertThatThrownBy(() -> run("--source-addresses", "127.0.0.5-127.0.0.1"))
                .hasMessageContaining("--source-addresses");
        assertThatThrownBy(() -> run("--users")).hasMessageContaining("--users needs a value");
    }

    @Test
    void oneProcessIsNotAskedForMoreSocketsThanTheMachineAllows() {
        assertThatThrownBy(() -> run("--scenario", "idle", "--users", "40000"))
                .isInstanceOf(BadOption.class).hasMessageContaining("--processes 3");
        assertThat(run("--scenario", "idle", "--users", "40000", "--processes", "3").processes()).isEqualTo(3);
    }

    @Test
    void helpAndMergeAreCommandsOfTheirOwn() {
        assertThat(OptionParser.parse(List.of("--scenario", "chat", "--help"))).isInstanceOf(Command.Help.class);
        Command.Merge merge = (Command.Merge) OptionParser.parse(List.of("merge", "a.json", "b.json", "--json",
                "all.json"));
        assertThat(merge.files()).hasSize(2);
        assertThat(merge.json()).isPresent();
        assertThatThrownBy(() -> OptionParser.parse(List.of("merge"))).isInstanceOf(BadOption.class);
    }

    @Test
    void serverPidsRepeatOrComeAsAList() {
        assertThat(run("--server-pid", "12,13", "--server-pid", "14").serverPids()).containsExactly(12L, 13L, 14L);
        assertThat(run().serverPids()).isEmpty();
        assertThatThrownBy(() -> run("--server-pid", "12,x")).hasMessageContaining("--server-pid");
    }

    @Test
    void childProcessesGetTheParentsJvmOptionsButFilesAndPortsAndTheParallelCollectorByDefault() {
        assertThat(ProcessFanOut.childJvmOptions(List.of("-Xmx2g", "-XX:StartFlightRecording=filename=a.jfr",
                "-agentlib:jdwp=transport=dt_socket"))).containsExactly("-XX:+UseParallelGC", "-Xmx2g");
        assertThat(ProcessFanOut.childJvmOptions(List.of("-XX:+UseG1GC"))).containsExactly("-XX:+UseG1GC");
    }

    @Test
    void theBaselineServerNeedsAPortAndTakesAHostAndEventLoops() {
        assertThat(OptionParser.parse(List.of("baseline-server", "--port", "9000")))
                .isEqualTo(new Command.Baseline("127.0.0.1", 9000, 1));
        assertThat(OptionParser.parse(List.of("baseline-server", "--port=9000", "--host", "0.0.0.0",
                "--event-loops", "2"))).isEqualTo(new Command.Baseline("0.0.0.0", 9000, 2));
        assertThatThrownBy(() -> OptionParser.parse(List.of("baseline-server"))).hasMessageContaining("--port");
        assertThatThrownBy(() -> OptionParser.parse(List.of("baseline-server", "--port", "70000")))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> OptionParser.parse(List.of("baseline-server", "--port", "9000", "--users", "5")))
                .hasMessageContaining("unknown option --users");
    }

    @Test
    void helpDocumentsEveryOptionAndScenario() {
        String help = HelpText.text();
        for (String option : HelpText.OPTIONS) {
            assertThat(help).contains("--" + option);
        }
        for (Scenario scenario : Scenario.values()) {
            assertThat(help).contains(scenario.optionName());
        }
    }

    @Test
    void badOptionsExitWithCodeTwoAndOneLine() {
        var err = new java.io.ByteArrayOutputStream();
        int code = Main.run(List.of("--rate", "-1"), System.out, new java.io.PrintStream(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--rate").contains("--help").hasLineCount(1);
    }
}
