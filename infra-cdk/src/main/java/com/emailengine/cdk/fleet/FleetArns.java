package com.emailengine.cdk.fleet;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;

/**
 * ARNs and URLs of resources the fleet uses, built from their names in the fleet's own account and
 * region. The serverless stack names them from the same {@code ResourceNames}, so no cross-stack export
 * ties the two stacks' lifecycles together.
 */
final class FleetArns {

    private final Stack stack;

    FleetArns(Stack stack) {
        this.stack = stack;
    }

    String queue(String physicalName) {
        return stack.formatArn(ArnComponents.builder().service("sqs").resource(physicalName).build());
    }

    String queueUrl(String physicalName) {
        return "https://sqs." + stack.getRegion() + "." + Aws.URL_SUFFIX + "/" + stack.getAccount() + "/" + physicalName;
    }

    String table(String physicalName) {
        return stack.formatArn(ArnComponents.builder().service("dynamodb").resource("table").resourceName(physicalName).build());
    }

    String bucket(String bucketName) {
        return stack.formatArn(ArnComponents.builder().service("s3").region("").account("").resource(bucketName).build());
    }

    String topic(String topicName) {
        return stack.formatArn(ArnComponents.builder().service("sns").resource(topicName).build());
    }

    String networkInterface(String id) {
        return stack.formatArn(ArnComponents.builder().service("ec2").resource("network-interface").resourceName(id).build());
    }

    /** Any Elastic IP: the statement narrows it by the stage tag (listing each one's ARN outgrows the role policy). */
    String anyElasticIp() {
        return stack.formatArn(ArnComponents.builder().service("ec2").resource("elastic-ip").resourceName("*")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }

    /** Any instance: the attach statement narrows it by instance profile. */
    String anyInstance() {
        return stack.formatArn(ArnComponents.builder().service("ec2").resource("instance").resourceName("*")
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }
}
