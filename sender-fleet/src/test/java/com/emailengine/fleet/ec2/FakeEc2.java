package com.emailengine.fleet.ec2;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Stands in for EC2, which cannot run here (no Docker for LocalStack, no moto): a local HTTP server that
 * speaks the EC2 Query API the way the SDK does — form-encoded {@code Action=…&Version=…&…} requests, XML
 * answers, errors as {@code <Response><Errors><Error><Code>…}. Each action answers what the test scripted
 * (an action nobody scripted fails the test's request with a 500), and every request is recorded so a test
 * can assert exactly what was asked.
 */
final class FakeEc2 implements AutoCloseable {

    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final HttpServer server;
    private final List<Rule> rules = new ArrayList<>();
    private final List<Map<String, String>> requests = new ArrayList<>();

    private record Answer(int status, String body) {
    }

    /** Answers requests of an action, or only those where a form parameter has a value (param null: all). */
    private record Rule(String action, String param, String value, Answer answer) {

        boolean matches(Map<String, String> form) {
            return action.equals(form.get("Action")) && (param == null || value.equals(form.get(param)));
        }
    }

    FakeEc2() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Answer answer;
            synchronized (this) {
                requests.add(form);
                // The narrower rules first: a rule with a parameter condition wins over the action's catch-all.
                answer = rules.stream().filter(r -> r.param() != null && r.matches(form))
                        .findFirst().or(() -> rules.stream().filter(r -> r.matches(form)).findFirst()).map(Rule::answer)
                        .orElse(new Answer(500, error("Unscripted", "no answer for " + form.get("Action"))));
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** An SDK client pointed at this server: fake credentials, no retries (a retry would hide what was asked). */
    Ec2Client client() {
        return Ec2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** {@code action} answers 200 with {@code <ActionResponse>inner</ActionResponse>}. */
    synchronized FakeEc2 answer(String action, String inner) {
        rules.add(new Rule(action, null, null, success(action, inner)));
        return this;
    }

    /** Requests of {@code action} whose parameter {@code param} is {@code value} answer this instead. */
    synchronized FakeEc2 answerWhen(String action, String param, String value, String inner) {
        rules.add(new Rule(action, param, value, success(action, inner)));
        return this;
    }

    /** {@code action} fails with EC2's error form, HTTP 400. */
    synchronized FakeEc2 fail(String action, String code, String message) {
        rules.add(new Rule(action, null, null, new Answer(400, error(code, message))));
        return this;
    }

    /** Forgets every scripted answer, so the next requests get new ones. */
    synchronized FakeEc2 forgetAnswers() {
        rules.clear();
        return this;
    }

    private static Answer success(String action, String inner) {
        return new Answer(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + action + "Response xmlns=\"" + NAMESPACE
                + "\"><requestId>req-" + action + "</requestId>" + inner + "</" + action + "Response>");
    }

    /** Every request so far, as its form parameters. */
    synchronized List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    synchronized List<String> actions() {
        return requests.stream().map(r -> r.get("Action")).toList();
    }

    /** The one request of this action. */
    synchronized Map<String, String> request(String action) {
        List<Map<String, String>> found = requests.stream().filter(r -> action.equals(r.get("Action"))).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + action + ", got " + found.size() + " in " + actions());
        }
        return found.getFirst();
    }

    /** A {@code networkInterfaceSet} item: the interface, its subnet and its addresses, the first one primary. */
    static String networkInterface(String id, String subnet, String... addresses) {
        StringBuilder xml = new StringBuilder("<item><networkInterfaceId>").append(id).append("</networkInterfaceId><subnetId>")
                .append(subnet).append("</subnetId><status>in-use</status>");
        if (addresses.length > 0) {
            xml.append("<privateIpAddress>").append(addresses[0]).append("</privateIpAddress>");
        }
        xml.append("<privateIpAddressesSet>");
        for (int i = 0; i < addresses.length; i++) {
            xml.append("<item><privateIpAddress>").append(addresses[i]).append("</privateIpAddress><primary>").append(i == 0)
                    .append("</primary></item>");
        }
        return xml.append("</privateIpAddressesSet></item>").toString();
    }

    static String networkInterfaces(String... items) {
        return "<networkInterfaceSet>" + String.join("", items) + "</networkInterfaceSet>";
    }

    /** An {@code addressesSet} item: an Elastic IP associated with (interface, private address), tagged as the stack tags it. */
    static String elasticIp(String allocationId, String publicIp, String stage, String privateIp, String associatedInterface) {
        return "<item><publicIp>" + publicIp + "</publicIp><allocationId>" + allocationId + "</allocationId><domain>vpc</domain>"
                + "<associationId>eipassoc-" + allocationId.substring("eipalloc-".length()) + "</associationId>"
                + "<networkInterfaceId>" + associatedInterface + "</networkInterfaceId><privateIpAddress>" + privateIp + "</privateIpAddress>"
                + "<tagSet><item><key>ee:private-ip</key><value>" + privateIp + "</value></item><item><key>ee:stage</key><value>" + stage
                + "</value></item></tagSet></item>";
    }

    static String addresses(String... items) {
        return "<addressesSet>" + String.join("", items) + "</addressesSet>";
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error></Errors><RequestID>req-error</RequestID></Response>";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            form.put(key, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
