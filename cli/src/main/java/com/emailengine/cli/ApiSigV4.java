package com.emailengine.cli;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs a request to the engine's API in AWS with SigV4: its operator routes need AWS IAM (infra-cdk
 * {@code PublicApi}, policy {@code ee-<stage>-operator-api}). The local cloud's API takes requests unsigned.
 */
final class ApiSigV4 {

    private static final Pattern EXECUTE_API_HOST =
            Pattern.compile("[a-z0-9]+\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");
    /** Headers the JDK's HTTP client sets itself and refuses from callers; they are signed all the same. */
    private static final List<String> SET_BY_CLIENT = List.of("host", "content-length");

    private ApiSigV4() {
    }

    /** The region to sign for: the one given, else that of an {@code execute-api} host; empty: do not sign. */
    static Optional<String> region(URI api, String given) {
        if (given != null && !given.isBlank()) {
            return Optional.of(given.strip());
        }
        Matcher host = EXECUTE_API_HOST.matcher(api.getHost() == null ? "" : api.getHost().toLowerCase(Locale.ROOT));
        return host.matches() ? Optional.of(host.group(1)) : Optional.empty();
    }

    /** The operator's credentials from the usual places (environment, profile, SSO, instance role). */
    static AwsCredentialsIdentity credentials() {
        try (DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build()) {
            return provider.resolveCredentials();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException("no AWS credentials to sign the request with (the API's operator routes need "
                    + "SigV4): set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY", e);
        }
    }

    /**
     * The headers to send: those given plus the signature's ({@code Authorization}, {@code X-Amz-Date}, and
     * {@code X-Amz-Security-Token} for temporary credentials), without the ones the HTTP client sets itself.
     */
    static Map<String, String> signedHeaders(String method, URI uri, Map<String, String> headers, byte[] body, String region,
                                             AwsCredentialsIdentity credentials) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signed.headers().forEach((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                out.put(name, String.join(",", values));
            }
        });
        return out;
    }
}
