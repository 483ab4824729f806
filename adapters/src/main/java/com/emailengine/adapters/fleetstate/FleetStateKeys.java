package com.emailengine.adapters.fleetstate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The keys of the {@code fleet-state} table: partition {@code ip}, sort {@code item}. Items per IP:
 * {@code lease}, {@code warmup}, {@code day#<yyyy-mm-dd>#<share group>} (daily quota and traffic),
 * {@code hour#<yyyy-mm-ddThh>#<provider>} (hourly quota). Days and hours are UTC.
 */
public final class FleetStateKeys {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private static final Duration DAY_ITEM_LIFE = Duration.ofDays(40);

    private FleetStateKeys() {
    }

    static Map<String, AttributeValue> key(String ip, String item) {
        return Map.of("ip", AttributeValue.fromS(ip), "item", AttributeValue.fromS(item));
    }

    public static String day(LocalDate date, String shareGroup) {
        return "day#" + date + "#" + shareGroup;
    }

    /** When a day item may go: kept 40 days past its day, for the warm-up review and {@code warmup status}. */
    public static Instant dayItemExpiry(LocalDate date) {
        return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(DAY_ITEM_LIFE);
    }

    static String dayPrefix(LocalDate date) {
        return "day#" + date + "#";
    }

    public static String hour(Instant at, String provider) {
        return "hour#" + HOUR.format(at) + "#" + provider;
    }

    public static LocalDate utcDate(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
