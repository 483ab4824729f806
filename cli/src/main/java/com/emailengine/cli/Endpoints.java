package com.emailengine.cli;

import com.emailengine.core.tenant.Tenant;
import com.emailengine.emulators.cloud.CloudEndpoints;
import com.emailengine.local.LocalCloud;
import com.emailengine.platform.api.RouteTable;
import java.net.InetSocketAddress;
import java.util.stream.Collectors;

/** The text that tells a person where everything of a running local cloud is. */
final class Endpoints {

    private Endpoints() {
    }

    static String describe(LocalCloud cloud) {
        CloudEndpoints aws = cloud.cloudEndpoints();
        InetSocketAddress dns = cloud.internet().dnsAddress();
        StringBuilder out = new StringBuilder();
        out.append("Email-Engine local cloud is up (stage ").append(cloud.options().stage()).append(")\n");
        line(out, "API", cloud.apiEndpoint() + "  (POST " + RouteTable.INGEST_PATH + ")");
        line(out, "SQS", aws.sqs().toString());
        line(out, "DynamoDB", aws.dynamoDb().toString());
        line(out, "S3", aws.s3().toString());
        line(out, "DNS", dns.getHostString() + ":" + dns.getPort() + " udp+tcp  (kdig @" + dns.getHostString() + " -p " + dns.getPort()
                + " gmail.test MX)");
        line(out, "SMTP sinks", cloud.internet().sinks().stream()
                .map(sink -> sink.name() + " " + sink.address().getHostString() + ":" + sink.address().getPort())
                .collect(Collectors.joining(", ")));
        cloud.options().mailDir().ifPresent(dir -> line(out, "Mail folder", dir.toAbsolutePath() + "/<provider>/*.eml"));
        for (Tenant tenant : cloud.config().tenants().all()) {
            line(out, "Tenant", tenant.id() + " sends as " + tenant.fromAddress() + " from " + tenant.pool().addresses().size()
                    + " IPs " + tenant.pool().addresses().getFirst().ip() + "-" + tenant.pool().addresses().getLast().ip());
        }
        line(out, "Fleet", cloud.fleet().size() + " node(s)");
        line(out, "Operators", cloud.operatorKeyDir().toAbsolutePath() + "/admin.key (every tenant), <tenant>-operator.key"
                + " (its own): Authorization: Bearer <key> on /api/v2/tenants/...");
        out.append("\nAWS CLI (Debian package awscli):\n");
        String env = "AWS_ACCESS_KEY_ID=" + aws.accessKeyId() + " AWS_SECRET_ACCESS_KEY=" + aws.secretAccessKey()
                + " AWS_DEFAULT_REGION=" + aws.region();
        out.append("  ").append(env).append(" aws --endpoint-url ").append(aws.sqs()).append(" sqs list-queues\n");
        out.append("  ").append(env).append(" aws --endpoint-url ").append(aws.dynamoDb()).append(" dynamodb list-tables\n");
        out.append("  ").append(env).append(" aws --endpoint-url ").append(aws.s3()).append(" s3 ls\n");
        out.append("\nTry it:\n  curl -s -X POST ").append(cloud.apiEndpoint()).append(RouteTable.INGEST_PATH)
                .append(" -H 'content-type: application/json' \\\n")
                .append("    -H 'x-ee-source: manual' -H \"authorization: Bearer $(grep -v '^#' ")
                .append(cloud.options().sourceKeyDir().toAbsolutePath().resolve("manual.key")).append(")\" \\\n")
                .append("    -d '{\"email\":\"zoe@gmail.test\",\"first_name\":\"Zoé\",")
                .append("\"language\":\"fr\",\"source\":\"manual\",\"tenant\":\"").append(cloud.config().tenants().ids().getFirst())
                .append("\"}'\n");
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("  %-12s %s%n", label, value));
    }

}
