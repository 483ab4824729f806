package com.emailengine.fleet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard in docs/grafana queries only metrics the node exposes, and uses every family. */
class GrafanaDashboardTest {

    @Test
    void theDashboardQueriesExactlyTheMetricsTheNodeExposes() throws Exception {
        String dashboard = Files.readString(Path.of("../docs/grafana/sender-fleet.json"));
        Set<String> queried = new TreeSet<>();
        Matcher m = Pattern.compile("ee_fleet_[a-z_]+").matcher(dashboard);
        while (m.find()) {
            queried.add(m.group());
        }
        FleetMetrics metrics = new FleetMetrics();
        Set<String> exposed = new TreeSet<>();
        Matcher names = Pattern.compile("(?m)^# TYPE (ee_fleet_[a-z_]+) ").matcher(metrics.render());
        while (names.find()) {
            exposed.add(names.group(1));
        }

        assertThat(queried).allSatisfy(name -> assertThat(metrics.family(name)).as(name).isNotNull());
        assertThat(queried).containsAll(exposed);
    }
}
