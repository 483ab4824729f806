package com.emailengine.emulators.cloud;

/**
 * The one fixed account that every local emulator accepts. Nothing here is a secret: the values only
 * have to match between the emulators and the clients that the local cloud builds.
 */
public final class LocalAccount {

    public static final String ACCESS_KEY_ID = "local";
    public static final String SECRET_ACCESS_KEY = "localsecret";
    public static final String REGION = "eu-west-1";
    /** The twelve-digit account id that appears in local queue URLs and ARNs. */
    public static final String ACCOUNT_ID = "000000000000";

    private LocalAccount() {
    }
}
