package com.emailengine.emulators.cloud;

import java.util.Optional;

/**
 * Run by {@link DynaliteLifecycleTest} in a JVM of its own: starts dynalite, prints its pid, then either
 * waits to be killed ({@code wait}) or exits without closing it ({@code exit}).
 */
public final class DynaliteInAnotherJvm {

    static final String PID_LINE = "DYNALITE_PID ";

    private DynaliteInAnotherJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        DynaliteDynamoDb dynamoDb = DynaliteDynamoDb.start(EmulatorSettings.LOOPBACK, 0, Optional.empty());
        System.out.println(PID_LINE + dynamoDb.pid());
        System.out.flush();
        if (args.length > 0 && args[0].equals("exit")) {
            System.exit(0);
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
