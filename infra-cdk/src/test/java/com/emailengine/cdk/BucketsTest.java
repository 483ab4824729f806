package com.emailengine.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

class BucketsTest {

    private final ProdStack prod = ProdStack.get();

    @Test
    void everyBucketIsEncryptedPrivateAndOwnerEnforced() {
        prod.template.resourceCountIs("AWS::S3::Bucket", prod.topology.buckets().size());
        prod.template.allResourcesProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration",
                        List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced")))));
    }

    @Test
    void noBucketHasAPublicGrantOrWebsite() {
        assertThat(prod.propertiesOf("AWS::S3::Bucket")).allSatisfy(bucket ->
                assertThat(bucket).doesNotContainKeys("AccessControl", "WebsiteConfiguration", "CorsConfiguration"));
        assertThat(prod.propertiesOf("AWS::S3::BucketPolicy"))
                .flatExtracting(policy -> TemplateJson.statements(policy.get("PolicyDocument")))
                .allSatisfy(statement -> assertThat(statement).containsEntry("Effect", "Deny"));
    }

    @Test
    void everyBucketRefusesRequestsWithoutTls() {
        prod.template.resourceCountIs("AWS::S3::BucketPolicy", prod.topology.buckets().size());
        prod.template.allResourcesProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void theConfigBucketKeepsVersionsAndCleansUpAfterThem() {
        prod.template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "LifecycleConfiguration", Map.of("Rules", List.of(Match.objectLike(Map.of(
                        "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 90),
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 7)))))));
    }

    @Test
    void bucketNamesCarryTheAccountBecauseBucketNamesAreGlobal() {
        prod.template.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", Map.of("Fn::Join",
                List.of("", List.of("ee-prod-config-", Map.of("Ref", "AWS::AccountId"))))));
    }

    @Test
    void theStagesConfigurationFilesAreUploadedUnderTheConfigPrefix() {
        prod.template.hasResourceProperties("Custom::CDKBucketDeployment", Map.of(
                "DestinationBucketName", Map.of("Ref", prod.bucketLogicalId("config")),
                "DestinationBucketKeyPrefix", EmailEngineStack.CONFIG_PREFIX));
    }
}
