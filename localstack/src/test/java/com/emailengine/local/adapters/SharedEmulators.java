package com.emailengine.local.adapters;

import com.emailengine.local.cloud.EmulatorSettings;
import com.emailengine.local.cloud.LocalEmulators;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands test classes one set of local emulators (SQS, DynamoDB, S3) for the whole test run: started on
 * first use, stopped by JUnit when the run ends (the root store closes what it holds). Classes keep out
 * of each other's way by provisioning their own stage ({@link EmulatedStage}), so sharing costs no
 * isolation and saves a start of dynalite, ElasticMQ and s3proxy per class.
 */
public final class SharedEmulators implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedEmulators.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalEmulators.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(LocalEmulators.class,
                type -> LocalEmulators.start(EmulatorSettings.ephemeral()), LocalEmulators.class);
    }
}
