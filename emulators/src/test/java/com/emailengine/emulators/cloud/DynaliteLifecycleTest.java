package com.emailengine.emulators.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Node.js child never outlives its JVM, and each start-up problem gets a message that names the fix. */
class DynaliteLifecycleTest {

    /** Generous: the child notices a closed input at once; this only bounds a broken build. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

    private final Map<String, Optional<String>> previousProperties = new HashMap<>();

    @AfterEach
    void restoreProperties() {
        previousProperties.forEach((name, previous) -> previous.ifPresentOrElse(
                value -> System.setProperty(name, value), () -> System.clearProperty(name)));
    }

    @Test
    void closeStopsTheNodeProcessAndFreesThePort() throws Exception {
        DynaliteDynamoDb dynamoDb = DynaliteDynamoDb.start(EmulatorSettings.LOOPBACK, 0, Optional.empty());
        long pid = dynamoDb.pid();
        int port = dynamoDb.endpoint().getPort();
        assertThat(accepts(port)).isTrue();

        dynamoDb.close();
        dynamoDb.close();

        assertThat(hasExited(pid)).isTrue();
        assertThat(accepts(port)).isFalse();
    }

    @Test
    void stopsWhenTheJvmThatStartedItIsKilled() throws Exception {
        Process jvm = anotherJvm("wait");
        long pid = readDynalitePid(jvm);
        assertThat(ProcessHandle.of(pid)).map(ProcessHandle::isAlive).contains(true);

        // SIGKILL: no shutdown hook runs; only the closed stdin pipe tells the child.
        jvm.destroyForcibly().waitFor();

        assertThat(awaitExit(pid)).as("dynalite (pid %d) exits after its JVM was killed", pid).isTrue();
    }

    @Test
    void stopsWhenTheJvmThatStartedItExitsWithoutClosingIt() throws Exception {
        Process jvm = anotherJvm("exit");
        long pid = readDynalitePid(jvm);
        String rest = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(rest).as("the shutdown hook closed it").contains("DynamoDB (dynalite) at http://127.0.0.1:")
                .contains("stopped");
        assertThat(awaitExit(pid)).isTrue();
    }

    @Test
    void refusesABusyPortWithAMessageNamingThePortAndTheFix() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(EmulatorSettings.LOOPBACK, 0));
            int port = busy.getLocalPort();

            assertThatThrownBy(() -> DynaliteDynamoDb.start(EmulatorSettings.LOOPBACK, port, Optional.empty()))
                    .isInstanceOf(EmulatorStartException.class)
                    .hasMessageContaining("DynamoDB (dynalite) cannot listen on 127.0.0.1:" + port)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("choose another port");
        }
    }

    @Test
    void namesTheMissingNodeAndHowToProvideIt(@TempDir Path dir) {
        setProperty(DynaliteInstallation.NODE_PROPERTY, dir.resolve("no-such-node").toString());

        assertThatThrownBy(() -> DynaliteDynamoDb.start(EmulatorSettings.LOOPBACK, 0, Optional.empty()))
                .isInstanceOf(EmulatorStartException.class)
                .hasMessageContaining("Node.js was not found")
                .hasMessageContaining("no-such-node")
                .hasMessageContaining("Node.js 20 or newer")
                .hasMessageContaining("-Demailengine.node");
    }

    @Test
    void namesANodeThatIsTooOld(@TempDir Path dir) throws IOException {
        Path oldNode = dir.resolve("node");
        Files.writeString(oldNode, "#!/bin/sh\necho v18.19.1\n");
        Files.setPosixFilePermissions(oldNode, PosixFilePermissions.fromString("rwxr-xr-x"));
        setProperty(DynaliteInstallation.NODE_PROPERTY, oldNode.toString());

        assertThatThrownBy(() -> DynaliteDynamoDb.start(EmulatorSettings.LOOPBACK, 0, Optional.empty()))
                .isInstanceOf(EmulatorStartException.class)
                .hasMessageContaining("Node.js v18.19.1")
                .hasMessageContaining("too old")
                .hasMessageContaining("needs 20 or newer");
    }

    @Test
    void namesAMissingDynaliteInstallAndHowToInstallIt(@TempDir Path emptyHome) {
        setProperty(DynaliteInstallation.HOME_PROPERTY, emptyHome.toString());

        assertThatThrownBy(() -> DynaliteDynamoDb.start(EmulatorSettings.LOOPBACK, 0, Optional.empty()))
                .isInstanceOf(EmulatorStartException.class)
                .hasMessageContaining("dynalite is not installed")
                .hasMessageContaining(emptyHome.toString())
                .hasMessageContaining("node emulators/dynalite/install.js emulators/target/dynalite");
    }

    private void setProperty(String name, String value) {
        previousProperties.putIfAbsent(name, Optional.ofNullable(System.getProperty(name)));
        System.setProperty(name, value);
    }

    private static Process anotherJvm(String mode) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        String home = System.getProperty(DynaliteInstallation.HOME_PROPERTY);
        if (home != null) {
            command.add(1, "-D" + DynaliteInstallation.HOME_PROPERTY + "=" + home);
        }
        command.add(DynaliteInAnotherJvm.class.getName());
        command.add(mode);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static long readDynalitePid(Process jvm) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = output.readLine()) != null) {
            if (line.startsWith(DynaliteInAnotherJvm.PID_LINE)) {
                return Long.parseLong(line.substring(DynaliteInAnotherJvm.PID_LINE.length()).trim());
            }
            seen.add(line);
        }
        throw new AssertionError("the other JVM printed no dynalite pid: " + seen);
    }

    private static boolean awaitExit(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + EXIT_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (hasExited(pid)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Gone, or a zombie waiting for whichever process inherited it to reap it: either way, it has exited. */
    private static boolean hasExited(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                char state = stat.charAt(stat.lastIndexOf(')') + 2);
                return state == 'Z' || state == 'X';
            } catch (IOException vanished) {
                return true;
            }
        }
        return true;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(EmulatorSettings.LOOPBACK, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
