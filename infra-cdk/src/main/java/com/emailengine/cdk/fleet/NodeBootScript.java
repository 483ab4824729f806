package com.emailengine.cdk.fleet;

import com.emailengine.platform.runtime.FleetSettingKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The user data of a sender node: attach the node's sending interfaces (the previous instance of the
 * node may still be letting go of them), install Java 21 and the CloudWatch agent, fetch the daemon jar and
 * the DKIM keys, write the daemon's settings, start it under systemd and ship its log. Values may be CDK
 * tokens; they are rendered into the script at deploy time.
 *
 * <p>The daemon learns its interfaces from the settings written here ({@code EE_FLEET_INTERFACES}: each
 * interface's id and home addresses; {@code EE_FLEET_ADDRESSES_PER_INTERFACE}: the instance type's limit), so
 * that on takeover it can move another node's address onto one of them. The OS side of a move is
 * amazon-ec2-net-utils' job, not the daemon's: its per-interface refresh timer (about once a minute) adds an
 * address that EC2 moved onto the interface, with its source-routing rule, and removes one moved away. So the
 * service keeps only CAP_NET_BIND_SERVICE; it never needs CAP_NET_ADMIN.
 *
 * @param interfaces            the sending interfaces, in device order
 * @param addressesPerInterface the instance type's private addresses per interface, primary included
 * @param dkimSecrets           secret ARN by key file name ({@code <selector>._domainkey.<domain>.pem})
 * @param environment           the daemon's other settings, written to its environment file
 */
record NodeBootScript(String region, List<Interface> interfaces, int addressesPerInterface, String jarS3Url,
                      Map<String, String> dkimSecrets, Map<String, String> environment, String logGroup, String metricsNamespace) {

    /** A sending interface: where it is attached, its id (a token until deploy) and the addresses planned on it. */
    record Interface(int deviceIndex, String id, List<String> addresses) {
    }

    static final String INSTALL_DIR = "/opt/email-engine";
    static final String JAR = INSTALL_DIR + "/email-engine-sender-fleet.jar";
    static final String DKIM_DIR = "/etc/email-engine/dkim";
    static final String ENV_FILE = "/etc/email-engine/fleet.env";
    static final String LOG_FILE = "/var/log/email-engine/fleet.log";
    /** The CloudWatch agent's EMF listener (UDP), where the daemon sends its complaint counts. */
    static final int EMF_PORT = 25888;
    /** What the CloudWatch agent's process check looks for on the command line. */
    static final String PROCESS_PATTERN = "email-engine-sender-fleet.jar";

    List<String> commands() {
        List<String> lines = new ArrayList<>();
        lines.add("set -euo pipefail");
        lines.add("exec > >(tee -a /var/log/email-engine-boot.log) 2>&1");
        lines.add("REGION='" + region + "'");
        lines.add("dnf install -y java-21-amazon-corretto-headless amazon-cloudwatch-agent");
        lines.add("TOKEN=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')");
        lines.add("INSTANCE=$(curl -fsS -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/instance-id)");
        lines.add("attach() {");
        lines.add("  for attempt in $(seq 1 60); do");
        lines.add("    aws ec2 attach-network-interface --region \"$REGION\" --instance-id \"$INSTANCE\" --network-interface-id \"$1\" --device-index \"$2\" && return 0");
        lines.add("    sleep 10");
        lines.add("  done");
        lines.add("  echo \"could not attach $1\" >&2; return 1");
        lines.add("}");
        interfaces.forEach(eni -> lines.add("attach '" + eni.id() + "' " + eni.deviceIndex()));
        // amazon-ec2-net-utils brings attached interfaces and their secondary addresses up, with a route table per interface.
        lines.add("sleep 20");
        lines.add("id email-engine >/dev/null 2>&1 || useradd --system --home-dir " + INSTALL_DIR + " --shell /sbin/nologin email-engine");
        lines.add("mkdir -p " + INSTALL_DIR + " " + DKIM_DIR + " /var/log/email-engine");
        lines.add("aws s3 cp --region \"$REGION\" '" + jarS3Url + "' " + JAR);
        dkimSecrets.forEach((file, arn) -> lines.add("aws secretsmanager get-secret-value --region \"$REGION\" --secret-id '" + arn
                + "' --query SecretString --output text > " + DKIM_DIR + "/" + file));
        lines.add("chown -R email-engine " + DKIM_DIR + " /var/log/email-engine && chmod 700 " + DKIM_DIR
                + " && find " + DKIM_DIR + " -type f -exec chmod 600 {} +");
        lines.add("cat > " + ENV_FILE + " <<'ENV'");
        environment.forEach((key, value) -> lines.add(key + "=" + value));
        lines.add(FleetSettingKeys.INTERFACES + "=" + interfaces.stream()
                .map(eni -> eni.id() + "=" + String.join(",", eni.addresses())).collect(Collectors.joining(";")));
        lines.add(FleetSettingKeys.ADDRESSES_PER_INTERFACE + "=" + addressesPerInterface);
        lines.add("ENV");
        lines.add("cat > /etc/systemd/system/email-engine-fleet.service <<'UNIT'");
        lines.add("[Unit]");
        lines.add("Description=Email-Engine sender node");
        lines.add("After=network-online.target");
        lines.add("Wants=network-online.target");
        lines.add("[Service]");
        lines.add("User=email-engine");
        lines.add("EnvironmentFile=" + ENV_FILE);
        lines.add("ExecStart=/usr/bin/java -XX:+UseZGC -XX:MaxRAMPercentage=75 -jar " + JAR);
        // The bounce listener takes port 25; nothing else of root is needed (addresses moved here on takeover are
        // configured by amazon-ec2-net-utils, see above).
        lines.add("AmbientCapabilities=CAP_NET_BIND_SERVICE");
        lines.add("Restart=always");
        lines.add("RestartSec=5");
        lines.add("StandardOutput=append:" + LOG_FILE);
        lines.add("StandardError=append:" + LOG_FILE);
        lines.add("[Install]");
        lines.add("WantedBy=multi-user.target");
        lines.add("UNIT");
        lines.add("cat > /opt/aws/amazon-cloudwatch-agent/etc/email-engine.json <<'AGENT'");
        lines.add(agentConfig());
        lines.add("AGENT");
        lines.add("/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s"
                + " -c file:/opt/aws/amazon-cloudwatch-agent/etc/email-engine.json");
        lines.add("systemctl daemon-reload");
        lines.add("systemctl enable --now email-engine-fleet");
        return lines;
    }

    /**
     * Ships the daemon's log, turns the metric lines the daemon sends to the EMF listener into CloudWatch metrics,
     * and every minute reports whether the daemon's process runs (1 or 0) under a
     * series shared by all nodes (no host dimension), which the fleet's heartbeat alarm watches.
     */
    private String agentConfig() {
        return "{\"agent\":{\"omit_hostname\":true},"
                + "\"logs\":{\"metrics_collected\":{\"emf\":{}},\"logs_collected\":{\"files\":{\"collect_list\":[{\"file_path\":\"" + LOG_FILE + "\","
                + "\"log_group_name\":\"" + logGroup + "\",\"log_stream_name\":\"{instance_id}\"}]}}},"
                + "\"metrics\":{\"namespace\":\"" + metricsNamespace + "\",\"metrics_collected\":{"
                + "\"procstat\":[{\"pattern\":\"" + PROCESS_PATTERN + "\",\"measurement\":[\"pid_count\"],\"metrics_collection_interval\":60}]}}}";
    }
}
