/**
 * The local cloud's AWS-compatible emulators, on loopback, for the engine's SDK v2 clients and the AWS CLI.
 *
 * <ul>
 *   <li>SQS: ElasticMQ embedded in this JVM ({@link com.emailengine.emulators.cloud.EmbeddedSqs}), in memory, or
 *       with a data folder in an H2 database there, written before each answer
 *       ({@link com.emailengine.emulators.cloud.SqsMessageStore}).</li>
 *   <li>DynamoDB: dynalite 4.0.0 (Apache-2.0) as a Node.js child process
 *       ({@link com.emailengine.emulators.cloud.DynaliteDynamoDb}); DynamoDB Local may not be used (its licence).</li>
 *   <li>S3: s3proxy 2.6.0 embedded in this JVM ({@link com.emailengine.emulators.cloud.EmbeddedS3}), on the
 *       module's own classpath: it starts there with ElasticMQ beside it, so it needs no class loader or
 *       process of its own.</li>
 * </ul>
 * {@link com.emailengine.emulators.cloud.LocalEmulators} starts the three; every one accepts the keys of
 * {@link com.emailengine.emulators.cloud.LocalAccount} ({@code local}/{@code localsecret}, region {@code eu-west-1}).
 *
 * <h2>Installing dynalite</h2>
 * {@code emulators/dynalite/package.json} and its {@code package-lock.json} pin dynalite; the module's build
 * (phase generate-resources) runs {@code node localstack/dynalite/install.js localstack/target/dynalite},
 * which runs {@code npm ci} there unless that install already matches the lock file. It needs Node.js 20 or
 * newer and npm. At run time the folder is found through {@code -Demailengine.dynalite.home} or
 * {@code EMAILENGINE_DYNALITE_HOME}, else beside the module's build output; Node.js through
 * {@code -Demailengine.node} or {@code EMAILENGINE_NODE}, else {@code node} on the PATH.
 *
 * <h2>What the clients must do</h2>
 * Endpoint override, static credentials, region eu-west-1; S3 clients path-style and
 * {@code requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)}: with the SDK's default,
 * PutObject over plain HTTP sends signed aws-chunked bodies with a checksum trailer and GetObject an
 * {@code x-amz-checksum-crc32} header, and s3proxy 2.6.0 rejects both.
 *
 * <h2>Known gaps</h2>
 * dynalite 4.0.0 has no TransactWriteItems, TransactGetItems nor UpdateTimeToLive (it answers
 * UnknownOperationException; DescribeTimeToLive says DISABLED). Without a data folder SQS keeps nothing across a
 * restart; with one, a PurgeQueue is not written (ElasticMQ 1.6.14 clears the queue in memory only), so purged
 * messages come back after a restart, and one JVM can keep one SQS data folder at a time.
 */
package com.emailengine.emulators.cloud;
