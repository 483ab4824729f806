package com.emailengine.local.internet;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An independent program (a Debian package) used as the peer in a test; it must be installed. */
final class ExternalTool {

    /** What a run printed (stdout and stderr together) and how it exited. */
    record Run(int exitCode, String output) {
    }

    private final Path executable;

    private ExternalTool(Path executable) {
        this.executable = executable;
    }

    /** Fails the test, naming the package to install, when the program is missing. */
    static ExternalTool require(String executable, String debianPackage) {
        Path path = Path.of(executable);
        if (!Files.isExecutable(path)) {
            fail(executable + " is missing: install the Debian package '" + debianPackage + "' (apt-get install " + debianPackage + ")");
        }
        return new ExternalTool(path);
    }

    Run run(Duration timeout, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        // Read on another thread so that a chatty program cannot block on a full pipe before we wait.
        var output = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofVirtual().start(() -> {
            try {
                output.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.completeExceptionally(e);
            }
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail(executable + " " + arguments + " did not finish within " + timeout);
        }
        return new Run(process.exitValue(), output.join());
    }
}
