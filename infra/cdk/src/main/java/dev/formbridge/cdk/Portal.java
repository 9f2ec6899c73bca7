package dev.formbridge.cdk;

import dev.formbridge.delivery.QueueSettings;
import dev.formbridge.secret.KmsSecretCipher;
import dev.formbridge.storage.TableDefinition;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedTaskImageOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.SecretProps;
import software.constructs.Construct;

/**
 * The portal: the Spring Boot jar in an ARM64 container on ECS Fargate behind an HTTPS load balancer, signing in
 * through a Cognito user pool (self sign-up for tenant admins; the {@value #SUPPORT_GROUP} group makes support staff),
 * configured by the environment variables of the portal's {@code aws} profile. The image is built and pushed outside
 * synth ({@code docs/deploy.md}), so synth needs no Docker. No NAT gateway: tasks run in public subnets with a public
 * address and accept traffic from the load balancer only. Vaadin keeps UI state in the session, so the target group
 * uses sticky sessions.
 */
public final class Portal extends Construct {
    public static final String SUPPORT_GROUP = "support";
    public static final String GROUPS_CLAIM = "cognito:groups";
    /** The portal's OAuth2 registration id ({@code spring.security.oauth2.client.registration.formbridge}). */
    static final String REGISTRATION_ID = "formbridge";

    private static final Pattern ECR_IMAGE =
            Pattern.compile("^\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/([^:@]+)[:@](.+)$");

    static final int PORT = 8081;
    static final int CPU = 512;
    static final int MEMORY_MIB = 1024;

    private final UserPool userPool;
    private final UserPoolClient client;
    private final ApplicationLoadBalancedFargateService service;

    public Portal(Construct scope, String id, PortalProps props) {
        super(scope, id);
        DeploymentSettings settings = props.settings();
        this.userPool = createUserPool();
        UserPoolGroup.Builder.create(this, "SupportGroup")
                .userPool(userPool)
                .groupName(SUPPORT_GROUP)
                .description("Form-Bridge support staff: read-only across tenants, audited")
                .build();
        UserPoolDomain domain = userPool.addDomain(
                "Domain",
                UserPoolDomainOptions.builder()
                        .cognitoDomain(CognitoDomainOptions.builder()
                                .domainPrefix(settings.authDomainPrefix())
                                .build())
                        .build());
        this.client = createClient(settings.portalDomain());
        this.service = createService(props, clientSecret());
        grantAccess(props);
        CfnOutput.Builder.create(this, "LoadBalancer")
                .description("Point " + settings.portalDomain() + " (CNAME) at this name")
                .value(service.getLoadBalancer().getLoadBalancerDnsName())
                .build();
        CfnOutput.Builder.create(this, "SignInDomain").value(domain.baseUrl()).build();
        CfnOutput.Builder.create(this, "UserPoolId")
                .value(userPool.getUserPoolId())
                .build();
    }

    private UserPool createUserPool() {
        return UserPool.Builder.create(this, "Users")
                .userPoolName("formbridge-portal")
                .selfSignUpEnabled(true)
                .signInAliases(SignInAliases.builder().email(true).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .passwordPolicy(PasswordPolicy.builder().minLength(12).build())
                .mfa(Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .featurePlan(FeaturePlan.LITE)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    private UserPoolClient createClient(String portalDomain) {
        String base = "https://" + portalDomain;
        return userPool.addClient(
                "PortalClient",
                UserPoolClientOptions.builder()
                        .userPoolClientName("formbridge-portal")
                        .generateSecret(true)
                        .preventUserExistenceErrors(true)
                        .supportedIdentityProviders(List.of(UserPoolClientIdentityProvider.COGNITO))
                        .oAuth(OAuthSettings.builder()
                                .flows(OAuthFlows.builder()
                                        .authorizationCodeGrant(true)
                                        .build())
                                .scopes(List.of(OAuthScope.OPENID, OAuthScope.PROFILE, OAuthScope.EMAIL))
                                .callbackUrls(List.of(base + "/login/oauth2/code/" + REGISTRATION_ID))
                                .logoutUrls(List.of(base + "/"))
                                .build())
                        .build());
    }

    /**
     * The client secret, kept in Secrets Manager and injected into the container at start. It is read with
     * {@code Fn::GetAtt ClientSecret} rather than CDK's {@code userPoolClientSecret}, whose custom resource would add
     * a Node.js Lambda function to the stack.
     */
    private software.amazon.awscdk.services.secretsmanager.Secret clientSecret() {
        CfnUserPoolClient cfn = (CfnUserPoolClient) client.getNode().getDefaultChild();
        return new software.amazon.awscdk.services.secretsmanager.Secret(
                this,
                "ClientSecret",
                SecretProps.builder()
                        .description("The portal's Cognito app client secret")
                        .secretStringValue(SecretValue.resourceAttribute(cfn.getAttrClientSecret()))
                        .build());
    }

    private ApplicationLoadBalancedFargateService createService(
            PortalProps props, software.amazon.awscdk.services.secretsmanager.Secret secret) {
        Vpc vpc = Vpc.Builder.create(this, "Network")
                .maxAzs(2)
                .natGateways(0)
                .restrictDefaultSecurityGroup(false) // its custom resource would add a Node.js function
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("public")
                        .subnetType(SubnetType.PUBLIC)
                        .cidrMask(24)
                        .build()))
                .build();
        Cluster cluster = Cluster.Builder.create(this, "Cluster").vpc(vpc).build();
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(JavaFunction.LOG_RETENTION)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        ApplicationLoadBalancedFargateService created = ApplicationLoadBalancedFargateService.Builder.create(
                        this, "Service")
                .cluster(cluster)
                .cpu(CPU)
                .memoryLimitMiB(MEMORY_MIB)
                .desiredCount(1)
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.ARM64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .taskImageOptions(ApplicationLoadBalancedTaskImageOptions.builder()
                        .image(image(props.settings().portalImage()))
                        .containerPort(PORT)
                        .environment(environment(props))
                        .secrets(Map.of("FORMBRIDGE_OIDC_CLIENT_SECRET", Secret.fromSecretsManager(secret)))
                        .logDriver(LogDrivers.awsLogs(AwsLogDriverProps.builder()
                                .streamPrefix("portal")
                                .logGroup(logs)
                                .build()))
                        .build())
                .publicLoadBalancer(true)
                .assignPublicIp(true)
                .taskSubnets(
                        SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .protocol(ApplicationProtocol.HTTPS)
                .certificate(Certificate.fromCertificateArn(
                        this, "Certificate", props.settings().portalCertificateArn()))
                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                .redirectHttp(true)
                .circuitBreaker(software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker.builder()
                        .rollback(true)
                        .build())
                .healthCheckGracePeriod(Duration.seconds(120))
                .build();
        created.getTargetGroup()
                .configureHealthCheck(HealthCheck.builder()
                        .path("/styles.css")
                        .healthyHttpCodes("200")
                        .build());
        created.getTargetGroup().enableCookieStickiness(Duration.hours(8));
        return created;
    }

    /** An image in ECR gets a pull grant for the task; any other registry is referenced as it is. */
    private ContainerImage image(String uri) {
        Matcher ecr = ECR_IMAGE.matcher(uri);
        if (ecr.matches()) {
            return ContainerImage.fromEcrRepository(
                    Repository.fromRepositoryName(this, "ImageRepository", ecr.group(1)), ecr.group(2));
        }
        return ContainerImage.fromRegistry(uri);
    }

    private Map<String, String> environment(PortalProps props) {
        return Map.of(
                "SPRING_PROFILES_ACTIVE",
                "aws",
                "FORMBRIDGE_PORTAL_PORT",
                Integer.toString(PORT),
                "AWS_REGION",
                Aws.REGION,
                TableDefinition.TABLE_ENV,
                props.data().table().getTableName(),
                KmsSecretCipher.KEY_ID_ENV,
                props.data().secretsKey().getKeyArn(),
                "FORMBRIDGE_INGEST_URL",
                props.ingest().submissionsUrl(),
                "FORMBRIDGE_OIDC_ISSUER",
                userPool.getUserPoolProviderUrl(),
                "FORMBRIDGE_OIDC_CLIENT_ID",
                client.getUserPoolClientId(),
                "FORMBRIDGE_OIDC_GROUPS_CLAIM",
                GROUPS_CLAIM,
                "FORMBRIDGE_SUPPORT_GROUP",
                SUPPORT_GROUP);
    }

    private void grantAccess(PortalProps props) {
        var role = service.getTaskDefinition().getTaskRole();
        props.access()
                .grantAllItems(
                        role,
                        List.of(
                                TableAccess.GET,
                                TableAccess.PUT,
                                TableAccess.UPDATE,
                                TableAccess.DELETE,
                                TableAccess.QUERY,
                                TableAccess.BATCH_GET));
        props.access().grantSecrets(role, true);
        props.delivery().queue().grantSendMessages(role); // replays
        service.getTaskDefinition()
                .getDefaultContainer()
                .addEnvironment(
                        QueueSettings.QUEUE_URL_ENV, props.delivery().queue().getQueueUrl());
    }

    public UserPool userPool() {
        return userPool;
    }

    public ApplicationLoadBalancedFargateService service() {
        return service;
    }
}
