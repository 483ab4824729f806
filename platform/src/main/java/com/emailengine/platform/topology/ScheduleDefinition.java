package com.emailengine.platform.topology;

/**
 * An EventBridge schedule firing a function.
 *
 * @param expression {@code rate(1 minute)} or {@code cron(0 6 * * ? *)}, as EventBridge writes them
 */
public record ScheduleDefinition(String name, String expression, String function) {
}
